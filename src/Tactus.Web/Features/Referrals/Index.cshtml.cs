using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Referrals;

public sealed class IndexModel(TactusDbContext db, AccessScope scope, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ReferralStatus? Status { get; set; }

    [BindProperty(Name = "pageNumber", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public ReferralQueries.WorklistPage Results { get; private set; } = new([], 1, ReferralQueries.DefaultPageSize, null, false);
    public List<ReferralQueries.WorklistItem> Items => Results.Items;
    public bool CanRefer => scope.Role is Roles.Clinician or Roles.Manager or Roles.Administrator;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Results = await ReferralQueries.WorklistAsync(db, Status, time.GetUtcNow(), PageNumber, cancellationToken: cancellationToken);

    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["status"] = Status?.ToString(), ["pageNumber"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }).ToUriComponent();
}
