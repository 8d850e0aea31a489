using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Plans;

/// <summary>
/// Closes the plans of a referral whose episode ends (<see cref="PlanOfCare.EpisodeOpen"/>) in the same save as the
/// referral's change, whichever feature moved it: TactusDbContext calls it before every save.
/// </summary>
internal static class PlanEpisodes
{
    /// <summary>The referral's final states: none of them can be left (Referral.Allowed).</summary>
    public static bool Closes(ReferralStatus status) =>
        status is ReferralStatus.Discharged or ReferralStatus.Cancelled or ReferralStatus.Declined;

    /// <returns>Whether a plan was changed (the caller detects changes again only then).</returns>
    public static async Task<bool> SyncAsync(TactusDbContext db, CancellationToken cancellationToken)
    {
        var closed = db.ChangeTracker.Entries<Referral>()
            .Where(e => e.State == EntityState.Modified && e.Property(r => r.Status).IsModified && Closes(e.Entity.Status))
            .Select(e => e.Entity.Id).ToList();
        if (closed.Count == 0)
        {
            return false;
        }

        // The caller could change the referral, so it may see the referral's plans.
        var plans = await db.Plans.Where(p => closed.Contains(p.ReferralId) && p.EpisodeOpen).ToListAsync(cancellationToken);
        plans.ForEach(p => p.CloseEpisode());
        return plans.Count > 0;
    }
}
