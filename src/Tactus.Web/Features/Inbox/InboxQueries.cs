using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Inbox;

/// <summary>
/// The one list of what the signed-in person must act on (issue 13 §3), built from each role's work queues
/// (<see cref="WorkQueues"/>). The navigation shows the total, counted by the database; the inbox shows each kind's
/// longest-waiting items, each linking to the page where it is done. Done work leaves its queue because the queue is
/// the state itself (a signed note is no longer a draft), never a separate to-do row that could drift.
/// </summary>
public sealed class InboxQueries(TactusDbContext db, AccessScope scope, Practitioners.ContinuingEducationRules continuingEducation, TimeProvider time)
{
    public const int ItemsPerKind = 20;

    /// <summary>What this request already counted: the inbox page loads its lists, then the layout asks for the total.</summary>
    private int? _counted;

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        if (_counted is { } known)
        {
            return known;
        }

        var total = 0;
        foreach (var queue in Queues())
        {
            total += await queue.CountAsync(cancellationToken);
        }

        _counted = total;
        return total;
    }

    public async Task<IReadOnlyList<WorkList>> LoadAsync(CancellationToken cancellationToken)
    {
        var lists = new List<WorkList>();
        foreach (var queue in Queues())
        {
            lists.Add(await queue.LoadAsync(db, ItemsPerKind, cancellationToken));
        }

        _counted = lists.Sum(l => l.Count);
        return lists;
    }

    /// <summary>Whether the role has an inbox at all: a researcher, an administrator and a patient have none.</summary>
    public static bool HasInbox(string? role) => role is Roles.Therapist or Roles.Clinician or Roles.Manager or Roles.Biller;

    private IReadOnlyList<IWorkQueue> Queues() =>
        scope.UserId is { } me && HasInbox(scope.Role) ? new WorkQueues(db, continuingEducation, scope.Role!, me, time.GetUtcNow()).ForRole() : [];
}
