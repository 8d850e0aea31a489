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

    /// <summary>
    /// One episode under one condition: a referral under two conditions is two rows, one under two prefixes of one
    /// condition is one. <see cref="Condition"/> is the condition's place in the list asked about ("00", "01", …).
    /// </summary>
    private sealed class ConditionEpisode
    {
        public required string Condition { get; init; }
        public Guid ReferralId { get; init; }
        public Guid PatientId { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateOnly ReferredOn { get; init; }
        public ReferralStatus Status { get; init; }
    }

    public async Task<IReadOnlyList<Condition>> ByConditionAsync(Filter filter, CancellationToken cancellationToken) =>
        await ForConditionsAsync(reference.Protocols, filter, cancellationToken);

    public async Task<Condition> ForConditionAsync(ClinicalReference.Protocol protocol, Filter filter, CancellationToken cancellationToken) =>
        (await ForConditionsAsync([protocol], filter, cancellationToken)).Single();

    /// <summary>
    /// Every figure of the conditions asked about, each from one query over all of them grouped by condition (as a
    /// hand-written query joins a table of conditions once), not a pass per condition: eleven conditions cost the same
    /// few scans as one.
    /// </summary>
    private async Task<IReadOnlyList<Condition>> ForConditionsAsync(IReadOnlyList<ClinicalReference.Protocol> protocols, Filter filter,
        CancellationToken cancellationToken)
    {
        var episodes = ConditionEpisodes(protocols, filter);
        var safety = await SafetyAsync(episodes, cancellationToken);
        var funnels = await FunnelsAsync(episodes, cancellationToken);
        var changes = new Dictionary<string, List<InstrumentOutcome>>();
        var scored = await InstrumentsScoredAsync(cancellationToken);
        foreach (var code in protocols.SelectMany(p => p.Instruments).Distinct(StringComparer.Ordinal).Where(scored.Contains))
        {
            if (catalog.Find(code) is not { } instrument)
            {
                continue;
            }

            // Only the conditions whose protocol names the instrument: its episodes' scores are that condition's outcome.
            var naming = protocols.Select((p, i) => (p, Key: ConditionKey(i))).Where(c => c.p.Instruments.Contains(code)).Select(c => c.Key).ToArray();
            foreach (var (condition, outcome) in await ChangesAsync(episodes.Where(e => naming.Contains(e.Condition)), instrument, cancellationToken))
            {
                (changes.TryGetValue(condition, out var list) ? list : changes[condition] = []).Add(outcome);
            }
        }

        // Medicines and use are asked only of an organisation that records them: a clinic that does not is spared the scans.
        var opioids = await db.OpioidStatements.TagWith(ReadAuditGuard.AggregateOnly).AnyAsync(cancellationToken)
            ? await OpioidChangesAsync(episodes, cancellationToken) : null;
        var use = await db.UtilisationEvents.TagWith(ReadAuditGuard.AggregateOnly).AnyAsync(cancellationToken)
            ? await UseChangesAsync(episodes, cancellationToken) : null;

        return protocols.Select((protocol, i) =>
        {
            var key = ConditionKey(i);
            var conditionSafety = safety.GetValueOrDefault(key) ?? SafetyOf([]);
            var instruments = changes.GetValueOrDefault(key) ?? [];
            // In the protocol's order of instruments, as the page has always listed them.
            instruments.Sort((a, b) => protocol.Instruments.IndexOf(a.Instrument.Code).CompareTo(protocol.Instruments.IndexOf(b.Instrument.Code)));
            return new Condition(protocol, FunnelOf(funnels.GetValueOrDefault(key) ?? [], conditionSafety.Sessions), instruments, conditionSafety,
                opioids?.GetValueOrDefault(key), use?.GetValueOrDefault(key));
        }).ToList();
    }

    private static string ConditionKey(int index) => index.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The instruments the organisation has scores for: a protocol's other instruments have nothing to count, and asking
    /// would cost a scan each.
    /// </summary>
    private async Task<IReadOnlySet<string>> InstrumentsScoredAsync(CancellationToken cancellationToken) =>
        (await db.MeasureResponses.Where(m => m.Total != null).Select(m => m.Instrument).Distinct()
            .TagWith(ReadAuditGuard.AggregateOnly).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    /// <summary>The referrals sent (never drafts) in the filter's period and caseload.</summary>
    private IQueryable<Referral> Referred(Filter filter)
    {
        var query = db.Referrals.Where(r => r.Status != ReferralStatus.Draft);
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

    /// <summary>The condition's episodes: referrals with a diagnosis under one of the protocol's ICD-10 prefixes.</summary>
    public IQueryable<Referral> Episodes(ClinicalReference.Protocol protocol, Filter filter) =>
        Referred(filter).Where(ProtocolDiagnoses.Covers(protocol));

    /// <summary>
    /// The episodes of every condition asked about, matched as <see cref="ProtocolDiagnoses"/> matches one: a diagnosis
    /// under any of the condition's ICD-10 prefixes. The prefixes go in as one inline table of keys ("03M54.5": the
    /// condition's place, then the prefix); every prefix is a whole three-character category or longer, so a diagnosis
    /// and a prefix also share their first three characters, an equality the database can hash-join on before it
    /// compares the rest.
    /// </summary>
    private IQueryable<ConditionEpisode> ConditionEpisodes(IReadOnlyList<ClinicalReference.Protocol> protocols, Filter filter)
    {
        var keys = protocols
            .SelectMany((protocol, i) => protocol.Icd10Prefixes.Select(prefix => ConditionKey(i) + ContraindicationEngine.NormalizeCode(prefix)))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        return (from r in Referred(filter)
                from d in r.Diagnoses
                join key in keys on d.Code.Substring(0, 3) equals key.Substring(2, 3)
                where d.Code.StartsWith(key.Substring(2))
                select new ConditionEpisode
                {
                    Condition = key.Substring(0, 2), ReferralId = r.Id, PatientId = r.PatientId, CreatedAt = r.CreatedAt,
                    ReferredOn = r.ReferredOn, Status = r.Status,
                })
            .Distinct();
    }
}
