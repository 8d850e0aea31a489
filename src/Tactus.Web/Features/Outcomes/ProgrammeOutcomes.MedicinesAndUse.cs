using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Protocols;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Sessions;
using Tactus.Web.Features.Utilisation;

namespace Tactus.Web.Features.Outcomes;

/// <summary>What the outcome report says of medicines and health-care use across an episode (issue 14 §2).</summary>
public sealed partial class ProgrammeOutcomes
{
    /// <summary>
    /// Opioid MME per day (issue 14 §2) on the referral's day and on the episode's last signed visit, for started episodes of
    /// patients with any opioid statement (a patient never asked is not a patient on none). Summed in SQL, as MME/day
    /// was stored from the CDC 2022 table when recorded; buprenorphine, never converted, adds nothing.
    /// </summary>
    private async Task<Dictionary<string, OutcomeStatistics.MeanChange>> OpioidChangesAsync(IQueryable<ConditionEpisode> episodes, CancellationToken cancellationToken)
    {
        var statements = db.OpioidStatements;
        var signed = db.TreatmentSessions.Where(s => s.Status == SessionStatus.Signed);
        var pairs = episodes
            .Where(r => statements.Any(o => o.PatientId == r.PatientId))
            .Select(r => new { r.Condition, r.PatientId, r.ReferredOn, LastVisit = signed.Where(s => s.ReferralId == r.ReferralId).Max(s => (DateOnly?)s.SessionDate) })
            .Where(r => r.LastVisit != null)
            .Select(r => new
            {
                r.Condition,
                Start = statements.Where(o => o.PatientId == r.PatientId && o.TakenFrom <= r.ReferredOn && (o.TakenUntil == null || o.TakenUntil >= r.ReferredOn))
                    .Sum(o => (double?)(double)o.MmePerDay!) ?? 0,
                End = statements.Where(o => o.PatientId == r.PatientId && o.TakenFrom <= r.LastVisit && (o.TakenUntil == null || o.TakenUntil >= r.LastVisit))
                    .Sum(o => (double?)(double)o.MmePerDay!) ?? 0,
            });
        var sums = await pairs.GroupBy(p => p.Condition)
            .Select(g => new
            {
                Condition = g.Key,
                N = g.Count(), SumChange = g.Sum(p => p.End - p.Start), SumChangeSquared = g.Sum(p => (p.End - p.Start) * (p.End - p.Start)),
                SumStart = g.Sum(p => p.Start), SumStartSquared = g.Sum(p => p.Start * p.Start),
            })
            .TagWith(ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);
        return sums.ToDictionary(s => s.Condition,
            s => OutcomeStatistics.Summarise(new OutcomeStatistics.ChangeSums(s.N, s.SumChange, s.SumChangeSquared, s.SumStart, s.SumStartSquared)));
    }

    /// <summary>
    /// Health-care use in the window before the referral and the same window after it, for started episodes whose after-window
    /// has closed (a window still open would count less use only because less time has passed). Events are priced at their
    /// actual cost, else the organisation's price list.
    /// </summary>
    private async Task<Dictionary<string, HealthCareUse>> UseChangesAsync(IQueryable<ConditionEpisode> episodes, CancellationToken cancellationToken)
    {
        var window = (await db.ProgrammeCostSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken))?.UtilisationWindowDays ?? ProgrammeCostSettings.DefaultWindowDays;
        var priced = UtilisationCosts.Priced(await db.UtilisationPrices.AsNoTracking().ToDictionaryAsync(p => p.Kind, p => p.Amount, cancellationToken));
        var closedBefore = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(-window);
        var events = db.UtilisationEvents;
        var sessions = db.TreatmentSessions;
        var rows = episodes
            .Where(r => r.ReferredOn <= closedBefore && sessions.Any(s => s.ReferralId == r.ReferralId))
            .Select(r => new
            {
                r.Condition,
                EventsBefore = (double)events.Count(e => e.PatientId == r.PatientId && e.OccurredOn >= r.ReferredOn.AddDays(-window) && e.OccurredOn < r.ReferredOn),
                EventsAfter = (double)events.Count(e => e.PatientId == r.PatientId && e.OccurredOn >= r.ReferredOn && e.OccurredOn < r.ReferredOn.AddDays(window)),
                CostBefore = events.Where(e => e.PatientId == r.PatientId && e.OccurredOn >= r.ReferredOn.AddDays(-window) && e.OccurredOn < r.ReferredOn)
                    .Sum(priced),
                CostAfter = events.Where(e => e.PatientId == r.PatientId && e.OccurredOn >= r.ReferredOn && e.OccurredOn < r.ReferredOn.AddDays(window))
                    .Sum(priced),
            });
        var sums = await rows.GroupBy(r => r.Condition)
            .Select(g => new
            {
                Condition = g.Key,
                N = g.Count(),
                EventsChange = g.Sum(p => p.EventsAfter - p.EventsBefore), EventsChangeSquared = g.Sum(p => (p.EventsAfter - p.EventsBefore) * (p.EventsAfter - p.EventsBefore)),
                EventsBefore = g.Sum(p => p.EventsBefore), EventsBeforeSquared = g.Sum(p => p.EventsBefore * p.EventsBefore),
                CostChange = g.Sum(p => p.CostAfter - p.CostBefore), CostChangeSquared = g.Sum(p => (p.CostAfter - p.CostBefore) * (p.CostAfter - p.CostBefore)),
                CostBefore = g.Sum(p => p.CostBefore), CostBeforeSquared = g.Sum(p => p.CostBefore * p.CostBefore),
            })
            .TagWith(ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);
        return sums.ToDictionary(s => s.Condition, s => new HealthCareUse(window,
            OutcomeStatistics.Summarise(new OutcomeStatistics.ChangeSums(s.N, s.EventsChange, s.EventsChangeSquared, s.EventsBefore, s.EventsBeforeSquared)),
            OutcomeStatistics.Summarise(new OutcomeStatistics.ChangeSums(s.N, s.CostChange, s.CostChangeSquared, s.CostBefore, s.CostBeforeSquared))));
    }
}
