using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Organizations;

/// <summary>The signed-in organisation's name, for report letterheads; the tenant filter picks the row.</summary>
public sealed class OrganizationName(TactusDbContext db)
{
    public async Task<string> CurrentAsync(CancellationToken cancellationToken) =>
        await db.Organizations.AsNoTracking().Select(o => o.Name).FirstOrDefaultAsync(cancellationToken) ?? "Tactus";
}
