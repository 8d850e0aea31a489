using Tactus.Web.Web;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// QALYs for the value report (issue 14 §3), by clinical.md §6.2: each episode's utilities as the area under the curve
/// over one horizon for every patient, and the difference between arms adjusted for baseline utility by regression
/// ("baseline imbalance biases QALY differences"), with its seeded bootstrap. Pure: no web, no database.
/// </summary>
[PureEngine]
public static class Qalys
{
    public const double DaysPerYear = 365.25;

    /// <summary>One episode of an arm: its cost, its QALYs over the horizon and its utility at the first assessment.</summary>
    public readonly record struct Patient(double Cost, double Qalys, double Baseline);

    /// <summary>
    /// QALYs from the first assessment to the horizon: the area under the utility curve with linear interpolation
    /// (<see cref="CostEffectiveness.QalysByAreaUnderCurve"/>). Every patient is followed over the same span: a curve
    /// that ends early is carried at its last utility to the horizon (a stated assumption), and one that runs past it
    /// is cut at the horizon, interpolated there.
    /// </summary>
    /// <param name="assessments">Times in years (any origin) with their utilities, in time order.</param>
    public static double OverHorizon(IReadOnlyList<(double Years, double Utility)> assessments, double horizonYears)
    {
        if (assessments.Count == 0)
        {
            throw new ArgumentException("An episode needs at least one assessment.", nameof(assessments));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(horizonYears);
        var origin = assessments[0].Years;
        var curve = new List<(double Years, double Utility)>();
        foreach (var (years, utility) in assessments)
        {
            var t = years - origin;
            if (t <= horizonYears)
            {
                curve.Add((t, utility));
                continue;
            }

            var (t0, u0) = curve[^1];
            curve.Add((horizonYears, u0 + (utility - u0) * (horizonYears - t0) / (t - t0)));
            break;
        }

        if (curve[^1].Years < horizonYears)
        {
            curve.Add((horizonYears, curve[^1].Utility));
        }

        return CostEffectiveness.QalysByAreaUnderCurve(curve);
    }

    /// <summary>
    /// ΔE adjusted for baseline utility: the coefficient of being treated in the least-squares fit
    /// QALYs = a + b·treated + c·baseline. When every baseline is the same, c cannot be estimated and b is the plain
    /// difference of the arm means.
    /// </summary>
    public static double AdjustedDifference(IReadOnlyList<Patient> treated, IReadOnlyList<Patient> control)
    {
        var sums = new Sums();
        foreach (var p in treated)
        {
            sums.Add(p, 1);
        }

        foreach (var p in control)
        {
            sums.Add(p, 0);
        }

        return sums.TreatedCoefficient();
    }

    /// <summary>
    /// The bootstrap of clinical.md §6.2 for QALYs: each replicate resamples each arm's patients with replacement (arm
    /// sizes kept), then takes the difference in mean cost and the baseline-adjusted difference in QALYs. Seeded.
    /// </summary>
    public static IReadOnlyList<CostEffectiveness.Replicate> Bootstrap(IReadOnlyList<Patient> treated, IReadOnlyList<Patient> control, int replicates, int seed)
    {
        if (treated.Count == 0 || control.Count == 0)
        {
            throw new ArgumentException("Each arm needs at least one patient.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(replicates, 1);
        Patient[] treatedArm = [.. treated], controlArm = [.. control];
        var result = new CostEffectiveness.Replicate[replicates];
        // As CostEffectiveness.Bootstrap: one stream per replicate, so replicates run in parallel and reproduce.
        Parallel.For(0, replicates, r =>
        {
            var random = new ResampleStream(seed, r);
            var sums = new Sums();
            double treatedCost = 0, controlCost = 0;
            for (var i = 0; i < treatedArm.Length; i++)
            {
                var p = treatedArm[random.Next(treatedArm.Length)];
                sums.Add(p, 1);
                treatedCost += p.Cost;
            }

            for (var i = 0; i < controlArm.Length; i++)
            {
                var p = controlArm[random.Next(controlArm.Length)];
                sums.Add(p, 0);
                controlCost += p.Cost;
            }

            result[r] = new CostEffectiveness.Replicate(treatedCost / treatedArm.Length - controlCost / controlArm.Length, sums.TreatedCoefficient());
        });

        return result;
    }

    /// <summary>The sums the two-covariate least-squares fit needs, gathered in one pass.</summary>
    private sealed class Sums
    {
        private double _n, _t, _u, _y, _tt, _uu, _tu, _ty, _uy;

        public void Add(Patient p, double treated)
        {
            _n++;
            _t += treated;
            _u += p.Baseline;
            _y += p.Qalys;
            _tt += treated * treated;
            _uu += p.Baseline * p.Baseline;
            _tu += treated * p.Baseline;
            _ty += treated * p.Qalys;
            _uy += p.Baseline * p.Qalys;
        }

        public double TreatedCoefficient()
        {
            // Centred cross-products, then b from the normal equations of y on (t, u) with an intercept (Cramer's rule).
            var stt = _tt - _t * _t / _n;
            var suu = _uu - _u * _u / _n;
            var stu = _tu - _t * _u / _n;
            var sty = _ty - _t * _y / _n;
            var suy = _uy - _u * _y / _n;
            var determinant = stt * suu - stu * stu;
            // Baselines all equal (or collinear with the arm): no adjustment can be estimated; the plain difference stands.
            return Math.Abs(determinant) <= 1e-12 * Math.Max(1, stt * suu) ? sty / stt : (sty * suu - suy * stu) / determinant;
        }
    }
}
