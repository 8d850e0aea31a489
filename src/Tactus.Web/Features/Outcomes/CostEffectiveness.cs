using Tactus.Web.Web;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// Cost-effectiveness arithmetic by the standard methods of clinical.md §6.2: QALYs as the area under the utility curve,
/// the ICER with dominance named instead of a negative ratio, net monetary benefit, a seeded non-parametric bootstrap of
/// (ΔC, ΔE) resampling patients within each arm, percentile intervals and the acceptability curve. The effect may be
/// QALYs (only with a utility instrument the organisation licensed) or points of improvement or responders.
/// Pure: no web, no database; the same seed gives the same replicates.
/// </summary>
[PureEngine]
public static class CostEffectiveness
{
    /// <summary>
    /// QALYs by the area under the curve with linear interpolation between assessments (clinical.md §6.2):
    /// Σ (t[i+1] − t[i]) × (u[i] + u[i+1]) / 2, times in years from the first assessment.
    /// </summary>
    public static double QalysByAreaUnderCurve(IReadOnlyList<(double Years, double Utility)> assessments)
    {
        var qalys = 0.0;
        for (var i = 0; i + 1 < assessments.Count; i++)
        {
            var (t0, u0) = assessments[i];
            var (t1, u1) = assessments[i + 1];
            if (t1 < t0)
            {
                throw new ArgumentException("Assessments must be in time order.", nameof(assessments));
            }

            qalys += (t1 - t0) * (u0 + u1) / 2;
        }

        return qalys;
    }

    public enum Quadrant
    {
        /// <summary>Costs more and achieves more: the ICER is the price of each extra unit of effect.</summary>
        MoreCostlyMoreEffective,

        /// <summary>Costs less and achieves more: reported as "dominant", never as a negative ICER.</summary>
        Dominant,

        /// <summary>Costs more and achieves less: reported as "dominated".</summary>
        Dominated,

        /// <summary>Costs less and achieves less: the ICER is the saving per unit of effect given up.</summary>
        LessCostlyLessEffective,

        /// <summary>No difference in effect: no ratio exists.</summary>
        NoDifferenceInEffect,
    }

    public sealed record Icer(double DeltaCost, double DeltaEffect, Quadrant Quadrant, double? Ratio)
    {
        public string Describe(string currency, string effectUnit) => Quadrant switch
        {
            Quadrant.Dominant => "dominant (costs less and achieves more)",
            Quadrant.Dominated => "dominated (costs more and achieves less)",
            Quadrant.NoDifferenceInEffect => "no ratio: no difference in effect",
            Quadrant.LessCostlyLessEffective => $"{currency}{Ratio:N2} saved per {effectUnit} given up",
            _ => $"{currency}{Ratio:N2} per {effectUnit}",
        };
    }

    /// <summary>ICER = ΔC / ΔE (clinical.md §6.2); dominance is named, since a negative ICER is ambiguous and must not be ranked.</summary>
    public static Icer IncrementalRatio(double deltaCost, double deltaEffect)
    {
        if (deltaEffect == 0)
        {
            return new Icer(deltaCost, deltaEffect, Quadrant.NoDifferenceInEffect, null);
        }

        if (deltaEffect > 0)
        {
            return deltaCost <= 0
                ? new Icer(deltaCost, deltaEffect, Quadrant.Dominant, null)
                : new Icer(deltaCost, deltaEffect, Quadrant.MoreCostlyMoreEffective, deltaCost / deltaEffect);
        }

        return deltaCost >= 0
            ? new Icer(deltaCost, deltaEffect, Quadrant.Dominated, null)
            : new Icer(deltaCost, deltaEffect, Quadrant.LessCostlyLessEffective, deltaCost / deltaEffect);
    }

    /// <summary>NMB = λ × ΔE − ΔC; cost-effective at λ when positive (clinical.md §6.2).</summary>
    public static double NetMonetaryBenefit(double willingnessToPay, double deltaCost, double deltaEffect) =>
        willingnessToPay * deltaEffect - deltaCost;

    /// <summary>One patient's cost and effect (QALYs, points improved, or 1/0 for a responder).</summary>
    public readonly record struct Patient(double Cost, double Effect);

    public readonly record struct Replicate(double DeltaCost, double DeltaEffect);

    /// <summary>
    /// The non-parametric bootstrap of clinical.md §6.2: each replicate resamples each arm's patients with replacement
    /// (arm sizes kept) and takes the difference of the arm means. Seeded, so a report can be reproduced exactly.
    /// </summary>
    public static IReadOnlyList<Replicate> Bootstrap(IReadOnlyList<Patient> intervention, IReadOnlyList<Patient> comparison, int replicates, int seed)
    {
        if (intervention.Count == 0 || comparison.Count == 0)
        {
            throw new ArgumentException("Each arm needs at least one patient.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        Patient[] treated = [.. intervention], control = [.. comparison];
        var result = new Replicate[replicates];
        // Each replicate draws from its own stream, so they run in parallel and the report is the same for the same seed.
        Parallel.For(0, replicates, r =>
        {
            var random = new ResampleStream(seed, r);
            var (c1, e1) = ResampledMeans(treated, ref random);
            var (c0, e0) = ResampledMeans(control, ref random);
            result[r] = new Replicate(c1 - c0, e1 - e0);
        });

        return result;
    }

    /// <summary>The 2.5th and 97.5th percentiles (linear interpolation between order statistics).</summary>
    public static (double Lower, double Upper) PercentileInterval(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException("No values.", nameof(values));
        }

        return (Percentile(sorted, 0.025), Percentile(sorted, 0.975));
    }

    /// <summary>The acceptability curve: for each λ, the share of replicates with NMB &gt; 0 (clinical.md §6.2).</summary>
    public static IReadOnlyList<(double WillingnessToPay, double Probability)> AcceptabilityCurve(IReadOnlyList<Replicate> replicates,
        IEnumerable<double> willingnessToPay) =>
        willingnessToPay.Select(lambda => (lambda,
            (double)replicates.Count(r => NetMonetaryBenefit(lambda, r.DeltaCost, r.DeltaEffect) > 0) / replicates.Count)).ToList();

    /// <summary>
    /// One-way sensitivity: the ICER when one input is set to its low and its high value, everything else as observed.
    /// </summary>
    public sealed record Sensitivity(string Input, string Low, string High, Icer AtLow, Icer AtHigh);

    private static (double Cost, double Effect) ResampledMeans(Patient[] arm, ref ResampleStream random)
    {
        double cost = 0, effect = 0;
        for (var i = 0; i < arm.Length; i++)
        {
            var patient = arm[random.Next(arm.Length)];
            cost += patient.Cost;
            effect += patient.Effect;
        }

        return (cost / arm.Length, effect / arm.Length);
    }

    private static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
