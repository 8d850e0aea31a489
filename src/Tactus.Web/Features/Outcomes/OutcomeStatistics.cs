using MathNet.Numerics.Distributions;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// The programme's outcome figures from sums the database computes (issue 14 §1): a group's mean change from baseline
/// with its 95 % confidence interval, the standardised effect size, and a proportion (responders, improved) with its
/// 95 % Wilson interval. Every figure comes with its n and its interval; no p-value is given without an effect size
/// (none is given at all: the interval carries the uncertainty). Pure: no web, no database.
/// </summary>
[PureEngine]
public static class OutcomeStatistics
{
    /// <summary>
    /// Cells under 11 patients are suppressed in what a researcher sees, the CMS cell-size suppression policy the
    /// cohort counts already follow.
    /// </summary>
    public const int SmallCellThreshold = 11;

    public static bool IsSuppressed(int n) => n is > 0 and < SmallCellThreshold;

    /// <summary>
    /// Sums over a group's episodes: n, Σ change, Σ change², Σ baseline, Σ baseline² (change = latest − baseline, in
    /// the instrument's units). Sums add across groups exactly, so groups computed in SQL can be merged.
    /// </summary>
    public readonly record struct ChangeSums(int N, double SumChange, double SumChangeSquared, double SumBaseline, double SumBaselineSquared)
    {
        public static ChangeSums operator +(ChangeSums a, ChangeSums b) =>
            new(a.N + b.N, a.SumChange + b.SumChange, a.SumChangeSquared + b.SumChangeSquared,
                a.SumBaseline + b.SumBaseline, a.SumBaselineSquared + b.SumBaselineSquared);

        public static ChangeSums Of(IEnumerable<(double Baseline, double Latest)> pairs)
        {
            var sums = default(ChangeSums);
            foreach (var (baseline, latest) in pairs)
            {
                var change = latest - baseline;
                sums += new ChangeSums(1, change, change * change, baseline, baseline * baseline);
            }

            return sums;
        }
    }

    /// <summary>
    /// A mean change with its 95 % CI (Student's t with n − 1 degrees of freedom), the SD of the change, and the effect
    /// size: mean change ÷ SD at baseline (Kazis's effect size; about 0.2 small, 0.5 moderate, 0.8 large, the SMD
    /// reading of clinical.md §5). The standardised response mean (mean change ÷ SD of change) is given beside it.
    /// </summary>
    public sealed record MeanChange(int N, double Mean, double? StandardDeviation, double? Lower, double? Upper, double? EffectSize,
        double? StandardisedResponseMean);

    public static MeanChange Summarise(ChangeSums sums)
    {
        if (sums.N == 0)
        {
            return new MeanChange(0, double.NaN, null, null, null, null, null);
        }

        var mean = sums.SumChange / sums.N;
        if (sums.N < 2)
        {
            return new MeanChange(sums.N, mean, null, null, null, null, null);
        }

        var sd = SampleStandardDeviation(sums.N, sums.SumChange, sums.SumChangeSquared);
        var baselineSd = SampleStandardDeviation(sums.N, sums.SumBaseline, sums.SumBaselineSquared);
        var halfWidth = StudentT.InvCDF(0, 1, sums.N - 1, 0.975) * sd / Math.Sqrt(sums.N);
        return new MeanChange(sums.N, mean, sd, mean - halfWidth, mean + halfWidth,
            baselineSd > 0 ? mean / baselineSd : null, sd > 0 ? mean / sd : null);
    }

    /// <summary>A proportion with its 95 % Wilson score interval, which stays inside 0–1 and behaves at small n and at 0 or n.</summary>
    public sealed record Proportion(int Count, int N, double Rate, double Lower, double Upper);

    public static Proportion? Wilson(int count, int n)
    {
        if (n <= 0)
        {
            return null;
        }

        var z = Normal.InvCDF(0, 1, 0.975);
        var p = (double)count / n;
        var denominator = 1 + z * z / n;
        var centre = (p + z * z / (2.0 * n)) / denominator;
        var margin = z * Math.Sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
        return new Proportion(count, n, p, Math.Max(0, centre - margin), Math.Min(1, centre + margin));
    }

    /// <summary>Events per 100 sessions with its exact (Garwood) Poisson 95 % interval.</summary>
    public sealed record Rate(int Events, int Sessions, double PerHundred, double Lower, double Upper);

    public static Rate? PerHundredSessions(int events, int sessions)
    {
        if (sessions <= 0)
        {
            return null;
        }

        var lower = events == 0 ? 0 : Gamma.InvCDF(events, 1, 0.025);
        var upper = Gamma.InvCDF(events + 1, 1, 0.975);
        return new Rate(events, sessions, 100.0 * events / sessions, 100.0 * lower / sessions, 100.0 * upper / sessions);
    }

    private static double SampleStandardDeviation(int n, double sum, double sumOfSquares)
    {
        // Σx² − (Σx)²/n can come out a hair below zero from rounding when every value is equal.
        var variance = (sumOfSquares - sum * sum / n) / (n - 1);
        return Math.Sqrt(Math.Max(0, variance));
    }
}
