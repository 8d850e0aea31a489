using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Outcomes;

/// <summary>QALYs as the value report's effect (issue 14 §3): only from a utility instrument, only against usual care.</summary>
public sealed partial class ProgrammeValue
{
    /// <summary>Why a request cannot count QALYs, or null when it can.</summary>
    public static string? QalyProblem(InstrumentDefinition instrument, Comparison against) =>
        instrument.Scoring.Method != "utility"
            ? $"QALYs need a utility instrument (EQ-5D-5L scored with your organisation's value set); {instrument.Code} is not one."
            : against == Comparison.WaitList
                ? "QALYs are counted over the same horizon for every patient; a wait is too short for that, so compare with usual care."
                : null;

    /// <summary>
    /// Each episode's QALYs over the horizon from its first utility (<see cref="Qalys.OverHorizon"/>), its scores read in
    /// one ordered pass as (episode, time, utility) and folded episode by episode, so only one number per episode is kept.
    /// </summary>
    private static async Task<Dictionary<Guid, double>> QalysByEpisodeAsync(IQueryable<Referral> episodes, IQueryable<MeasureResponse> scored,
        int horizonWeeks, CancellationToken cancellationToken)
    {
        var horizonYears = horizonWeeks * 7 / Qalys.DaysPerYear;
        var rows = (from r in episodes
                    join m in scored on r.PatientId equals m.PatientId
                    where m.CompletedAt >= r.CreatedAt
                    orderby r.Id, m.CompletedAt
                    select new { r.Id, m.CompletedAt, Utility = (double)m.Total!.Value })
            .TagWith(ReadAuditGuard.AggregateOnly)
            .AsAsyncEnumerable();
        var result = new Dictionary<Guid, double>();
        var curve = new List<(double Years, double Utility)>();
        Guid? current = null;
        DateTimeOffset origin = default;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            if (row.Id != current)
            {
                Close();
                current = row.Id;
                origin = row.CompletedAt;
            }

            curve.Add(((row.CompletedAt - origin).TotalDays / Qalys.DaysPerYear, row.Utility));
        }

        Close();
        return result;

        void Close()
        {
            if (current is { } id && curve.Count > 0)
            {
                result[id] = Qalys.OverHorizon(curve, horizonYears);
            }

            curve.Clear();
        }
    }

    private static List<Qalys.Patient> QalyPatients(Arm arm) =>
        arm.Patients.Zip(arm.Episodes, (patient, episode) => new Qalys.Patient(patient.Cost, patient.Effect, episode.Baseline)).ToList();
}
