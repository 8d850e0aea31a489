using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Referrals;

public sealed class IndexModel(TactusDbContext db, AccessScope scope, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public ReferralStatus? Status { get; set; }

    public List<ReferralQueries.WorklistItem> Items { get; private set; } = [];
    public bool CanRefer => scope.Role is Roles.Clinician or Roles.Manager or Roles.Administrator;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await ReferralQueries.WorklistAsync(db, Status, time.GetUtcNow(), cancellationToken);
}
