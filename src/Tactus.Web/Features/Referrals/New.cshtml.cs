using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Referrals;

public sealed class NewModel(TactusDbContext db, AccessScope scope, Diagnoses.DiagnosisCatalog catalog, ReferralWorkflow workflow) : PageModel, IRedisplayablePage
{
    public const int DiagnosisSlots = 3;

    [BindProperty]
    public NewReferral Input { get; set; } = new();

    public List<SelectListItem> Patients { get; private set; } = [];

    /// <summary>What the user typed to find the patient (name words, MRN start); the picker lists the first matches.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Find { get; set; }

    /// <summary>More patients matched than the picker lists: the user narrows the search.</summary>
    public int Matches { get; private set; }

    public const int PickerSize = 20;

    /// <summary>Staff entering on a clinician's behalf choose the clinician; a clinician refers as themself.</summary>
    public List<SelectListItem>? Clinicians { get; private set; }

    private IReadOnlyDictionary<string, ClinicalReference.Diagnosis> _diagnoses = new Dictionary<string, ClinicalReference.Diagnosis>();

    public IEnumerable<SelectListItem> DiagnosisOptions(int slot) => _diagnoses.Values.OrderBy(d => d.Code, StringComparer.Ordinal)
        .Select(d => new SelectListItem($"{d.Code} {d.Display}", d.Code, Input.Diagnoses.ElementAtOrDefault(slot) == d.Code));

    public async Task OnGetAsync(Guid? patientId, CancellationToken cancellationToken)
    {
        Input.PatientId = patientId;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.Diagnoses = Input.Diagnoses.Where(d => !string.IsNullOrWhiteSpace(d)).ToList();
        ModelState.Remove("Input.Diagnoses");
        if (Input.Diagnoses.Count == 0)
        {
            ModelState.AddModelError("Input.Diagnoses", "Give at least one diagnosis.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var referral = await workflow.CreateAsync(Input, cancellationToken);
        TempData["Flash"] = referral.Status == ReferralStatus.Sent ? "The referral was sent to the massage programme." : "The referral was saved as a draft.";
        return RedirectToPage("/Referrals/Details", new { id = referral.Id });
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        _diagnoses = await catalog.ForCurrentOrganizationAsync(cancellationToken);
        // The patient comes from their record ("Refer for massage") or from a search: a clinic of any size
        // cannot be listed in one drop-down, and a list cut at N names would miss the patient being referred.
        var patients = new List<Patient>();
        if (Input.PatientId is { } chosen)
        {
            patients.AddRange(await db.Patients.AsNoTracking().Where(p => p.Id == chosen).ToListAsync(cancellationToken));
        }

        if (!string.IsNullOrWhiteSpace(Find))
        {
            var looksLikeMrn = Find.Trim().StartsWith("MRN", StringComparison.OrdinalIgnoreCase);
            var found = await db.SearchPatientsAsync(new PatientQueries.SearchCriteria(
                looksLikeMrn ? null : Find, null, looksLikeMrn ? Find : null, 1, PickerSize, WithTotal: true), cancellationToken);
            Matches = found.Total ?? found.Items.Count;
            patients.AddRange(found.Items.Where(p => p.Id != Input.PatientId));
        }

        Patients = patients.Select(p => new SelectListItem($"{p.FamilyName}, {p.GivenName} ({p.Mrn}, born {p.BirthDate:d MMM yyyy})",
            p.Id.ToString(), p.Id == Input.PatientId)).ToList();
        if (scope.Role != Roles.Clinician)
        {
            var clinicianRole = await db.Roles.Where(r => r.Name == Roles.Clinician).Select(r => r.Id).SingleAsync(cancellationToken);
            Clinicians = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == clinicianRole))
                .OrderBy(u => u.DisplayName).Select(u => new SelectListItem(u.DisplayName, u.Id.ToString())).ToListAsync(cancellationToken);
        }
    }
}
