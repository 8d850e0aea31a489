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

/// <summary>
/// The programme's outcomes by condition (issue 14 §1), counted and summed by the database: an episode is a referral
/// sent for a diagnosis the protocol library's condition names (any of its diagnoses, so a patient referred for two
/// conditions counts under each); its questionnaire scores are the patient's scores of an instrument from the day of the
/// referral on, the first one the baseline and the last one the latest. Only counts and sums leave the database; the
/// statistics come from <see cref="OutcomeStatistics"/>. No patient row is loaded, so the figures are aggregates, never
/// a read of a record.
/// </summary>
public sealed partial class ProgrammeOutcomes(TactusDbContext db, ClinicalReference reference, InstrumentCatalog catalog, TimeProvider time)
{
    /// <summary>Which episodes count: referred in a period (the organisation's local days, inclusive) and treated by a therapist.</summary>
    public sealed record Filter(DateTimeOffset? From = null, DateTimeOffset? Before = null, Guid? TherapistId = null);

    public sealed record Funnel(int Referred, int Started, int Completed, int DroppedOut, int Sessions)
    {
        public int NotStarted => Referred - Started;

        public double? SessionsPerStartedEpisode => Started == 0 ? null : (double)Sessions / Started;
    }

    /// <summary>
    /// One instrument's change. "Completers" are episodes with a baseline and at least one later score; "last
    /// observation" counts every episode with a baseline, carrying the last score forward (the baseline itself when
    /// there is no later one, so a change of 0). Both are shown, labelled, because missing follow-up is not success.
    /// </summary>
    public sealed record InstrumentOutcome(InstrumentDefinition Instrument, int WithBaseline, int Followed,
        OutcomeStatistics.MeanChange Completers, OutcomeStatistics.MeanChange LastObservation,
        OutcomeStatistics.Proportion? Responders, OutcomeStatistics.Proportion? Improved, OutcomeStatistics.Proportion? RespondersLastObservation)
    {
        public int MissingFollowUp => WithBaseline - Followed;

        /// <summary>
        /// Which of the figures a viewer may see: for a researcher, nothing that rests on 1–10 patients, and no rate whose
        /// numerator is such a cell (the count would come back as rate × n). The page, the CSV and the PDF all ask here.
        /// </summary>
        public Disclosure Disclose(bool suppress)
        {
            bool Shown(int n) => !suppress || !OutcomeStatistics.IsSuppressed(n);
            var completers = Shown(Followed);
            return new Disclosure(completers, Shown(WithBaseline),
                completers && Responders is { } responders && Shown(responders.Count), completers && Improved is { } improved && Shown(improved.Count));
        }
    }

    public sealed record Disclosure(bool Completers, bool LastObservation, bool Responders, bool Improved);

    /// <summary>Signed visits, and those whose worst adverse event was of each severity, per 100 visits.</summary>
    /// <param name="PainWithinVisit">Pain after the session minus pain at check-in, over signed visits whose note gives it.</param>
    public sealed record Safety(int Sessions, IReadOnlyList<(AdverseSeverity Severity, OutcomeStatistics.Rate? Rate)> BySeverity,
        OutcomeStatistics.MeanChange? PainWithinVisit = null, OutcomeStatistics.MeanChange? StressWithinVisit = null);

    public sealed record Condition(ClinicalReference.Protocol Protocol, Funnel Funnel, IReadOnlyList<InstrumentOutcome> Instruments, Safety Safety,
        OutcomeStatistics.MeanChange? Opioids = null, HealthCareUse? Use = null);

    /// <summary>
    /// Health-care use of started episodes whose after-window has closed: the same number of days before and after the
    /// referral, events and cost per patient (the change is after minus before, paired by episode).
    /// </summary>
    public sealed record HealthCareUse(int WindowDays, OutcomeStatistics.MeanChange Events, OutcomeStatistics.MeanChange Cost);

    public async Task<IReadOnlyList<Condition>> ByConditionAsync(Filter filter, CancellationToken cancellationToken)
    {
        var scored = await InstrumentsScoredAsync(cancellationToken);
        // Medicines and use are asked only of an organisation that records them: a clinic that does not is spared the scans.
        var recordsOpioids = await db.OpioidStatements.TagWith(ReadAuditGuard.AggregateOnly).AnyAsync(cancellationToken);
        var recordsUse = await db.UtilisationEvents.TagWith(ReadAuditGuard.AggregateOnly).AnyAsync(cancellationToken);
        var conditions = new List<Condition>();
        foreach (var protocol in reference.Protocols)
        {
            var condition = await ForConditionAsync(protocol, filter, scored, cancellationToken);
            if (recordsOpioids)
            {
                condition = condition with { Opioids = await OpioidChangeAsync(Episodes(protocol, filter), cancellationToken) };
            }

            if (recordsUse)
            {
                condition = condition with { Use = await UseChangeAsync(Episodes(protocol, filter), cancellationToken) };
            }

            conditions.Add(condition);
        }

        return conditions;
    }

    public async Task<Condition> ForConditionAsync(ClinicalReference.Protocol protocol, Filter filter, CancellationToken cancellationToken) =>
        await ForConditionAsync(protocol, filter, await InstrumentsScoredAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The instruments the organisation has scores for: a protocol's other instruments have nothing to count, and asking
    /// would cost a scan each (a million-visit clinic has about twenty such questions per report).
    /// </summary>
    private async Task<IReadOnlySet<string>> InstrumentsScoredAsync(CancellationToken cancellationToken) =>
        (await db.MeasureResponses.Where(m => m.Total != null).Select(m => m.Instrument).Distinct()
            .TagWith(ReadAuditGuard.AggregateOnly).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    private async Task<Condition> ForConditionAsync(ClinicalReference.Protocol protocol, Filter filter, IReadOnlySet<string> scored,
        CancellationToken cancellationToken)
    {
        var episodes = Episodes(protocol, filter);
        var safety = await SafetyAsync(episodes, cancellationToken);
        var funnel = await FunnelAsync(episodes, safety.Sessions, cancellationToken);
        var instruments = new List<InstrumentOutcome>();
        foreach (var code in protocol.Instruments.Where(scored.Contains))
        {
            if (catalog.Find(code) is { } instrument && await ChangeAsync(episodes, instrument, cancellationToken) is { } outcome)
            {
                instruments.Add(outcome);
            }
        }

        return new Condition(protocol, funnel, instruments, safety);
    }

    /// <summary>The condition's episodes: referrals sent (never drafts) with a diagnosis under one of the protocol's ICD-10 prefixes.</summary>
    public IQueryable<Referral> Episodes(ClinicalReference.Protocol protocol, Filter filter)
    {
        var query = db.Referrals.Where(r => r.Status != ReferralStatus.Draft).Where(ProtocolDiagnoses.Covers(protocol));
        if (filter.From is { } from)
        {
            query = query.Where(r => r.CreatedAt >= from);
        }

        if (filter.Before is { } before)
        {
            query = query.Where(r => r.CreatedAt < before);
        }

        if (filter.TherapistId is { } therapist)
        {
            query = query.Where(r => r.AssignedTherapistId == therapist);
        }

        return query;
    }

    private async Task<Funnel> FunnelAsync(IQueryable<Referral> episodes, int signedVisits, CancellationToken cancellationToken)
    {
        var sessions = db.TreatmentSessions;
        var rows = await episodes
            .GroupBy(r => r.Status)
            // Started = a visit was checked in. The referral's transition table makes that certain for "in progress" and
            // "discharged" (only the first check-in moves a referral to in progress, and only from there is it discharged);
            // on hold and cancelled can come before or after a first visit, so only those ask the sessions.
            .Select(g => new
            {
                Status = g.Key,
                Count = g.Count(),
                Started = g.Count(r => r.Status == ReferralStatus.InProgress || r.Status == ReferralStatus.Discharged
                    || ((r.Status == ReferralStatus.OnHold || r.Status == ReferralStatus.Cancelled) && sessions.Any(s => s.ReferralId == r.Id))),
            })
            .TagWith(ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);
        return new Funnel(
            Referred: rows.Sum(r => r.Count),
            Started: rows.Sum(r => r.Started),
            Completed: rows.Where(r => r.Status == ReferralStatus.Discharged).Sum(r => r.Started),
            DroppedOut: rows.Where(r => r.Status == ReferralStatus.Cancelled).Sum(r => r.Started),
            Sessions: signedVisits);
    }

    /// <summary>
    /// Adverse events and the change within a visit, from one pass over the condition's signed visits: grouped by the
    /// visit's worst adverse event, with the sums the pre/post pain and stress change needs (issue 14 §1).
    /// </summary>
    private async Task<Safety> SafetyAsync(IQueryable<Referral> episodes, CancellationToken cancellationToken)
    {
        var rows = await db.TreatmentSessions
            .Where(s => s.Status == SessionStatus.Signed && episodes.Any(r => r.Id == s.ReferralId))
            .GroupBy(s => s.WorstAdverseEvent)
            .Select(g => new
            {
                Worst = g.Key,
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
            })
            .TagWith(ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);
        var total = rows.Sum(r => r.Count);
        var pain = rows.Aggregate(default(OutcomeStatistics.ChangeSums), (sums, r) =>
            sums + new OutcomeStatistics.ChangeSums(r.PainN, r.PainChange, r.PainChangeSquared, r.PainBefore, r.PainBeforeSquared));
        var stress = rows.Aggregate(default(OutcomeStatistics.ChangeSums), (sums, r) =>
            sums + new OutcomeStatistics.ChangeSums(r.StressN, r.StressChange, r.StressChangeSquared, r.StressBefore, r.StressBeforeSquared));
        return new Safety(total, Enum.GetValues<AdverseSeverity>()
            .Select(severity => (severity, OutcomeStatistics.PerHundredSessions(rows.Where(r => r.Worst == severity).Sum(r => r.Count), total)))
            .ToList(),
            pain.N == 0 ? null : OutcomeStatistics.Summarise(pain), stress.N == 0 ? null : OutcomeStatistics.Summarise(stress));
    }

    private async Task<InstrumentOutcome?> ChangeAsync(IQueryable<Referral> episodes, InstrumentDefinition instrument, CancellationToken cancellationToken)
    {
        var code = instrument.Code;
        var scored = db.MeasureResponses.Where(m => m.Instrument == code && m.Total != null);
        var spans =
            from r in episodes
            join m in scored on r.PatientId equals m.PatientId
            where m.CompletedAt >= r.CreatedAt
            group m by new { ReferralId = r.Id, r.PatientId } into g
            select new { g.Key.PatientId, First = g.Min(m => m.CompletedAt), Last = g.Max(m => m.CompletedAt), Responses = g.Count() };
        var pairs =
            from s in spans
            join b in scored on new { s.PatientId, At = s.First } equals new { b.PatientId, At = b.CompletedAt }
            join l in scored on new { s.PatientId, At = s.Last } equals new { l.PatientId, At = l.CompletedAt }
            select new { Followed = s.Responses > 1, Baseline = (double)b.Total!.Value, Latest = (double)l.Total!.Value };

        // Improvement is the change in the instrument's better direction; a responder improves by at least the MCID
        // the instrument file cites (points, or a percentage of the baseline).
        var sign = instrument.HigherIsBetter ? 1.0 : -1.0;
        var mcidPoints = (double?)instrument.Mcid?.Points;
        var mcidFraction = (double?)instrument.Mcid?.Percent / 100.0;
        var groups = await pairs
            .GroupBy(p => p.Followed)
            .Select(g => new
            {
                Followed = g.Key,
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
        if (groups.Count == 0)
        {
            return null;
        }

        var followed = groups.FirstOrDefault(g => g.Followed);
        var all = groups.Aggregate(default(OutcomeStatistics.ChangeSums), (sums, g) =>
            sums + new OutcomeStatistics.ChangeSums(g.N, g.SumChange, g.SumChangeSquared, g.SumBaseline, g.SumBaselineSquared));
        var completers = followed is null ? default
            : new OutcomeStatistics.ChangeSums(followed.N, followed.SumChange, followed.SumChangeSquared, followed.SumBaseline, followed.SumBaselineSquared);
        var hasMcid = mcidPoints is not null || mcidFraction is not null;
        return new InstrumentOutcome(instrument, all.N, completers.N,
            OutcomeStatistics.Summarise(completers), OutcomeStatistics.Summarise(all),
            hasMcid ? OutcomeStatistics.Wilson(followed?.Responders ?? 0, completers.N) : null,
            OutcomeStatistics.Wilson(followed?.Improved ?? 0, completers.N),
            hasMcid ? OutcomeStatistics.Wilson(followed?.Responders ?? 0, all.N) : null);
    }
}
