using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Billing;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims;

/// <summary>
/// Claim numbers and interchange control numbers, taken atomically from the organisation's billing profile
/// (an UPDATE … SET n = n + 1 inside the caller's transaction), so two billers exporting at once never share one.
/// </summary>
internal static class BillingCounters
{
    public static Task<long> NextClaimNumberAsync(TactusDbContext db, CancellationToken cancellationToken) =>
        NextAsync(db, profiles => profiles.ExecuteUpdateAsync(s => s.SetProperty(p => p.NextClaimNumber, p => p.NextClaimNumber + 1), cancellationToken),
            p => p.NextClaimNumber, cancellationToken);

    public static Task<long> NextInterchangeControlNumberAsync(TactusDbContext db, CancellationToken cancellationToken) =>
        NextAsync(db, profiles => profiles.ExecuteUpdateAsync(s => s.SetProperty(p => p.NextInterchangeControlNumber, p => p.NextInterchangeControlNumber + 1), cancellationToken),
            p => p.NextInterchangeControlNumber, cancellationToken);

    private static async Task<long> NextAsync(TactusDbContext db, Func<IQueryable<BillingProfile>, Task<int>> increment,
        System.Linq.Expressions.Expression<Func<BillingProfile, long>> read, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Counters are taken inside the transaction that uses them.");
        }

        var profiles = db.BillingProfiles.AsQueryable();
        if (await increment(profiles) != 1)
        {
            throw new DomainRuleException("no-billing-profile", "Set up the organisation's billing profile (NPI, tax id, address, clearinghouse) first.");
        }

        return await profiles.Select(read).SingleAsync(cancellationToken) - 1;
    }
}
