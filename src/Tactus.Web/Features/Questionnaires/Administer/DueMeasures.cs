using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Questionnaires.Administer;

/// <summary>The questionnaires the plan's schedule makes due at a visit, for the check-in and note pages.</summary>
public sealed class DueMeasures(TactusDbContext db, TimeProvider time)
{
    public sealed record View(Guid PatientId, int VisitNumber, IReadOnlyList<MeasureSchedulePlanner.Due> Due, string? ReturnTo);

    /// <summary>Due at the visit being checked in (session is null) or at an existing visit.</summary>
    public async Task<View?> ForVisitAsync(Guid referralId, TreatmentSession? session, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking().Where(p => p.ReferralId == referralId).OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        if (plan is null || plan.Measures.Count == 0)
        {
            return null;
        }

        var before = session?.CheckedInAt ?? time.GetUtcNow();
        var earlier = await db.TreatmentSessions.AsNoTracking().Where(s => s.ReferralId == referralId && s.CheckedInAt < before)
            .Select(s => new { s.Id, s.PatientId, s.CheckedInAt, s.SignedAt })
            .ToAuditedListAsync(db, nameof(Sessions.TreatmentSession), s => s.Id, s => s.PatientId, cancellationToken);
        var earlierVisits = earlier.Count;

        // Answers given since the previous visit ended (for example through a link the evening before) count for this visit.
        var previous = earlier.MaxBy(s => s.CheckedInAt);
        var visitStart = previous is null ? plan.CreatedAt : previous.SignedAt ?? previous.CheckedInAt;
        var responses = await db.MeasureResponses.AsNoTracking()
            .Where(r => r.PatientId == plan.PatientId && r.CompletedAt >= plan.CreatedAt)
            .Select(r => new { r.Id, r.PatientId, r.Instrument, r.CompletedAt })
            .ToAuditedListAsync(db, nameof(Questionnaires.MeasureResponse), r => r.Id, r => r.PatientId, cancellationToken);
        var givenUnderPlan = responses.Where(r => r.CompletedAt < visitStart).Select(r => r.Instrument).ToHashSet();
        var givenThisVisit = responses.Where(r => r.CompletedAt >= visitStart).Select(r => r.Instrument).ToHashSet();
        var due = MeasureSchedulePlanner.DueAt(plan.Measures, earlierVisits + 1, plan.PlannedVisits, givenUnderPlan, givenThisVisit);
        return new View(plan.PatientId, earlierVisits + 1, due, session is null ? null : $"/Sessions/Edit/{session.Id}");
    }
}
