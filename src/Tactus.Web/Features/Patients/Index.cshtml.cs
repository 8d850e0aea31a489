using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Patients;

public sealed class IndexModel(TactusDbContext db, AccessScope scope, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Name { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? BirthDate { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Mrn { get; set; }

    [BindProperty(Name = "pageNumber", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public PatientQueries.Page<Patient> Results { get; private set; } = new([], 1, PatientQueries.DefaultPageSize, null, false, null);
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
    public bool CanCreate => PatientAccessRules.CanEditPatients(scope.Role);
    public string Heading => scope.Visibility == PatientVisibility.CareTeam ? "My patients" : "Patients";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Results = await db.SearchPatientsAsync(new PatientQueries.SearchCriteria(Name, BirthDate, Mrn, PageNumber), cancellationToken);
    }

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["name"] = Name, ["birthDate"] = BirthDate?.ToString("yyyy-MM-dd"), ["mrn"] = Mrn, ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToUriComponent();
}
