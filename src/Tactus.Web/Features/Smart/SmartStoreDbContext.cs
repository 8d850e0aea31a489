using Microsoft.EntityFrameworkCore;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// OpenIddict's stores (apps, authorisations, tokens) on their own context over the same database. OpenIddict reads
/// them while it authenticates a request, before the request has a principal: on TactusDbContext that would fix the
/// request's access scope as anonymous (decision 009) and the token's own FHIR reads would then see nothing. The tables
/// are created by TactusDbContext's migrations (SmartAuthorizationAndReferralIdentifier); this context never migrates.
/// </summary>
public sealed class SmartStoreDbContext(DbContextOptions<SmartStoreDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.UseOpenIddict();
    }
}
