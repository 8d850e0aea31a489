using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Research;

public sealed class IndexModel(TactusDbContext db, TimeProvider time) : PageModel
{
    public CohortCounts Counts { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Counts = await CohortCounts.ComputeAsync(db, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken);
}
