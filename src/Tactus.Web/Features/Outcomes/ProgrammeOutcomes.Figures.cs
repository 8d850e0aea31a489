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

/// <summary>The outcome report's figures, each one query over every condition asked about, grouped by condition.</summary>
public sealed partial class ProgrammeOutcomes
{
    private sealed record FunnelRow(ReferralStatus Status, int Count, int Started);

    private async Task<Dictionary<string, List<FunnelRow>>> FunnelsAsync(IQueryable<ConditionEpisode> episodes, CancellationToken cancellationToken)
    {
        var sessions = db.TreatmentSessions;
        var rows = await episodes
            .GroupBy(e => new { e.Condition, e.Status })
            // Started = a visit was checked in. The referral's transition table makes that certain for "in progress" and
            // "discharged" (only the first check-in moves a referral to in progress, and only from there is it discharged);
            // on hold and cancelled can come before or after a first visit, so only those ask the sessions.
            .Select(g => new
            {
                g.Key.Condition,
                g.Key.Status,
                Count = g.Count(),
                Started = g.Count(e => e.Status == ReferralStatus.InProgress || e.Status == ReferralStatus.Discharged
                    || ((e.Status == ReferralStatus.OnHold || e.Status == ReferralStatus.Cancelled) && sessions.Any(s => s.ReferralId == e.ReferralId))),
            })
            .TagWith(ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Condition).ToDictionary(g => g.Key, g => g.Select(r => new FunnelRow(r.Status, r.Count, r.Started)).ToList());
    }

    private static Funnel FunnelOf(List<FunnelRow> rows, int signedVisits) => new(
        Referred: rows.Sum(r => r.Count),
        Started: rows.Sum(r => r.Started),
        Completed: rows.Where(r => r.Status == ReferralStatus.Discharged).Sum(r => r.Started),
        DroppedOut: rows.Where(r => r.Status == ReferralStatus.Cancelled).Sum(r => r.Started),
        Sessions: signedVisits);

    private sealed record VisitRow(AdverseSeverity? Worst, int Count, OutcomeStatistics.ChangeSums Pain, OutcomeStatistics.ChangeSums Stress);

    /// <summary>
    /// Adverse events and the change within a visit, from one pass over the signed visits: summed per referral and worst
    /// adverse event first (one scan of the visits, hashed), then those sums joined to the conditions' episodes and
    /// added up per condition; joining the visits one by one to each episode made the database probe the visits' index
    /// once per episode, twice the time.
    /// </summary>
    private async Task<Dictionary<string, Safety>> SafetyAsync(IQueryable<ConditionEpisode> episodes, CancellationToken cancellationToken)
    {
        var byReferral = db.TreatmentSessions
            .Where(s => s.Status == SessionStatus.Signed)
            .GroupBy(s => new { s.ReferralId, s.WorstAdverseEvent })
            .Select(g => new
            {
                g.Key.ReferralId,
                Worst = g.Key.WorstAdverseEvent,
                Count = g.Count(),
                PainN = g.Count(s => s.PainAfter != null),
                PainChange = g.Sum(s => (double?)(s.PainAfter - s.PainBefore)) ?? 0,
                PainChangeSquared = g.Sum(s => (double?)((s.PainAfter - s.PainBefore) * (s.PainAfter - s.PainBefore))) ?? 0,
                PainBefore = g.Sum(s => s.PainAfter != null ? (double?)s.PainBefore : null) ?? 0,
                PainBeforeSquared = g.Sum(s => s.PainAfter != null ? (double?)(s.PainBefore * s.PainBefore) : null) ?? 0,
                StressN = g.Count(s => s.StressAfter != null),
                StressChange = g.Sum(s => (double?)(s.StressAfter - s.StressBefore)) ?? 0,
                StressChangeSquared = g.Sum(s => (double?)((s.StressAfter - s.StressBefore) * (s.StressAfter - s.StressBefore))) ?? 0,
                StressBefore = g.Sum(s => s.StressAfter != null ? (double?)s.StressBefore : null) ?? 0,
                StressBeforeSquared = g.Sum(s => s.StressAfter != null ? (double?)(s.StressBefore * s.StressBefore) : null) ?? 0,
            });
        var rows = await (
                from e in episodes
                join v in byReferral on e.ReferralId equals v.ReferralId
                select new { e.Condition, Visits = v })
            .GroupBy(x => new { x.Condition, x.Visits.Worst })
            .Select(g => new
            {
                g.Key.Condition,
                g.Key.Worst,
                Count = g.Sum(x => x.Visits.Count),
                PainN = g.Sum(x => x.Visits.PainN),
                PainChange = g.Sum(x => x.Visits.PainChange),
                PainChangeSquared = g.Sum(x => x.Visits.PainChangeSquared),
                PainBefore = g.Sum(x => x.Visits.PainBefore),
                PainBeforeSquared = g.Sum(x => x.Visits.PainBeforeSquared),
                StressN = g.Sum(x => x.Visits.StressN),
                StressChange = g.Sum(x => x.Visits.StressChange),
                StressChangeSquared = g.Sum(x => x.Visits.StressChangeSquared),
                StressBefore = g.Sum(x => x.Visits.StressBefore),
                StressBeforeSquared = g.Sum(x => x.Visits.StressBeforeSquared),
            })
            .TagWith(ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Condition).ToDictionary(g => g.Key, g => SafetyOf(g.Select(r => new VisitRow(r.Worst, r.Count,
            new OutcomeStatistics.ChangeSums(r.PainN, r.PainChange, r.PainChangeSquared, r.PainBefore, r.PainBeforeSquared),
            new OutcomeStatistics.ChangeSums(r.StressN, r.StressChange, r.StressChangeSquared, r.StressBefore, r.StressBeforeSquared))).ToList()));
    }

    private static Safety SafetyOf(List<VisitRow> rows)
    {
        var total = rows.Sum(r => r.Count);
        var pain = rows.Aggregate(default(OutcomeStatistics.ChangeSums), (sums, r) => sums + r.Pain);
        var stress = rows.Aggregate(default(OutcomeStatistics.ChangeSums), (sums, r) => sums + r.Stress);
        return new Safety(total, Enum.GetValues<AdverseSeverity>()
            .Select(severity => (severity, OutcomeStatistics.PerHundredSessions(rows.Where(r => r.Worst == severity).Sum(r => r.Count), total)))
            .ToList(),
            pain.N == 0 ? null : OutcomeStatistics.Summarise(pain), stress.N == 0 ? null : OutcomeStatistics.Summarise(stress));
    }

    /// <summary>One instrument's first-to-last change in each condition's episodes, from one query grouped by condition.</summary>
    private async Task<IEnumerable<(string Condition, InstrumentOutcome Outcome)>> ChangesAsync(IQueryable<ConditionEpisode> episodes,
        InstrumentDefinition instrument, CancellationToken cancellationToken)
    {
        var code = instrument.Code;
        var scored = db.MeasureResponses.Where(m => m.Instrument == code && m.Total != null);
        var spans =
            from e in episodes
            join m in scored on e.PatientId equals m.PatientId
            where m.CompletedAt >= e.CreatedAt
            group m by new { e.Condition, e.ReferralId, e.PatientId } into g
            select new { g.Key.Condition, g.Key.PatientId, First = g.Min(m => m.CompletedAt), Last = g.Max(m => m.CompletedAt), Responses = g.Count() };
        var pairs =
            from s in spans
            join b in scored on new { s.PatientId, At = s.First } equals new { b.PatientId, At = b.CompletedAt }
            join l in scored on new { s.PatientId, At = s.Last } equals new { l.PatientId, At = l.CompletedAt }
            select new { s.Condition, Followed = s.Responses > 1, Baseline = (double)b.Total!.Value, Latest = (double)l.Total!.Value };

        // Improvement is the change in the instrument's better direction; a responder improves by at least the MCID
        // the instrument file cites (points, or a percentage of the baseline).
        var sign = instrument.HigherIsBetter ? 1.0 : -1.0;
        var mcidPoints = (double?)instrument.Mcid?.Points;
        var mcidFraction = (double?)instrument.Mcid?.Percent / 100.0;
        var groups = await pairs
            .GroupBy(p => new { p.Condition, p.Followed })
            .Select(g => new
            {
                g.Key.Condition,
                g.Key.Followed,
                N = g.Count(),
                SumChange = g.Sum(p => p.Latest - p.Baseline),
                SumChangeSquared = g.Sum(p => (p.Latest - p.Baseline) * (p.Latest - p.Baseline)),
                SumBaseline = g.Sum(p => p.Baseline),
                SumBaselineSquared = g.Sum(p => p.Baseline * p.Baseline),
                Improved = g.Count(p => sign * (p.Latest - p.Baseline) > 0),
                Responders = mcidPoints != null
                    ? g.Count(p => sign * (p.Latest - p.Baseline) >= mcidPoints)
                    : mcidFraction != null ? g.Count(p => sign * (p.Latest - p.Baseline) >= p.Baseline * mcidFraction && p.Baseline > 0) : 0,
            })
            .TagWith(ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);

        var hasMcid = mcidPoints is not null || mcidFraction is not null;
        return groups.GroupBy(g => g.Condition).Select(condition =>
        {
            var followed = condition.FirstOrDefault(g => g.Followed);
            var all = condition.Aggregate(default(OutcomeStatistics.ChangeSums), (sums, g) =>
                sums + new OutcomeStatistics.ChangeSums(g.N, g.SumChange, g.SumChangeSquared, g.SumBaseline, g.SumBaselineSquared));
            var completers = followed is null ? default
                : new OutcomeStatistics.ChangeSums(followed.N, followed.SumChange, followed.SumChangeSquared, followed.SumBaseline, followed.SumBaselineSquared);
            return (condition.Key, new InstrumentOutcome(instrument, all.N, completers.N,
                OutcomeStatistics.Summarise(completers), OutcomeStatistics.Summarise(all),
                hasMcid ? OutcomeStatistics.Wilson(followed?.Responders ?? 0, completers.N) : null,
                OutcomeStatistics.Wilson(followed?.Improved ?? 0, completers.N),
                hasMcid ? OutcomeStatistics.Wilson(followed?.Responders ?? 0, all.N) : null));
        }).ToList();
    }
}
