using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Plans;

/// <summary>
/// The plans waiting on a person's action, for the plans page and the inbox alike: the open episodes' plans whose
/// next action is due by today (PlanOfCare.ActionDueOn: drafts and signed plans at once, certified plans once
/// re-certification is due), one range on the (organisation, episode open, due on) index, narrowed by role. A
/// discharged or cancelled patient's plan needs no action (PlanOfCare.EpisodeOpen).
/// </summary>
public static class PlanQueue
{
    public static IQueryable<PlanOfCare> Awaiting(TactusDbContext db, string? role, Guid userId, DateOnly today)
    {
        // Compared with a parameter, not written as the bare column: SQLite seeks an index on "EpisodeOpen = ?" but
        // treats "WHERE EpisodeOpen" as an expression to test on every row (it then walked every certified plan).
        var open = true;
        var due = db.Plans.Where(p => p.EpisodeOpen == open && p.ActionDueOn <= today);
        return role switch
        {
            Roles.Clinician => due.Where(p => p.Status == PlanStatus.Signed && db.Referrals.Any(r => r.Id == p.ReferralId && r.ReferringClinicianId == userId)),
            Roles.Therapist => due.Where(p => p.AuthorId == userId && p.Status != PlanStatus.Signed),
            _ => due,
        };
    }
}
