using Tactus.Web.Features.Outcomes;

namespace Tactus.Tests.Features.Outcomes;

/// <summary>QALYs over a horizon and the baseline-adjusted difference (clinical.md §6.2), on the §6.3(b) worked example.</summary>
public sealed class QalysTests
{
    [Fact]
    public void TheWorkedExample_OverOneYear_GivesItsQalysDifferenceRatioAndNetBenefit()
    {
        // clinical.md §6.3(b): utilities at t = 0, 0.25 and 1.0 years; costs 620 and 320.
        var intervention = Qalys.OverHorizon([(0, 0.60), (0.25, 0.70), (1.0, 0.72)], 1.0);
        var control = Qalys.OverHorizon([(0, 0.60), (0.25, 0.64), (1.0, 0.66)], 1.0);
        var deltaEffect = Qalys.AdjustedDifference([new(620, intervention, 0.60)], [new(320, control, 0.60)]);

        Assert.Equal(0.6950, intervention, 10);
        Assert.Equal(0.6425, control, 10);
        Assert.Equal(0.0525, deltaEffect, 10);
        Assert.Equal(5714.29, Math.Round(CostEffectiveness.IncrementalRatio(300, deltaEffect).Ratio!.Value, 2));
        Assert.Equal(750, CostEffectiveness.NetMonetaryBenefit(20_000, 300, deltaEffect), 8);
    }

    [Fact]
    public void AShortCurve_IsCarriedToTheHorizon_AndALongOneIsCutThere()
    {
        // Followed half a year of a one-year horizon: the last utility, 0.70, is carried for the other half.
        Assert.Equal(0.25 * 0.65 + 0.25 * 0.70 + 0.5 * 0.70, Qalys.OverHorizon([(0, 0.60), (0.25, 0.70), (0.5, 0.70)], 1.0), 10);
        // Cut at 0.5 years between 0.25 (0.70) and 1.0 (0.72): 0.70 + 0.02 × 1/3 there.
        var atCut = 0.70 + 0.02 / 3;
        Assert.Equal(0.25 * 0.65 + 0.25 * (0.70 + atCut) / 2, Qalys.OverHorizon([(0, 0.60), (0.25, 0.70), (1.0, 0.72)], 0.5), 10);
        // Times may start anywhere: the first assessment is the origin.
        Assert.Equal(0.6950, Qalys.OverHorizon([(3, 0.60), (3.25, 0.70), (4, 0.72)], 1.0), 10);
    }

    [Fact]
    public void TheDifference_IsAdjustedForBaselineUtility()
    {
        // QALYs made exactly by 0.1 + 0.05 × treated + 0.8 × baseline: the treated start better (0.7, 0.8 against 0.5, 0.6).
        static Qalys.Patient P(double baseline, double treated) => new(0, 0.1 + 0.05 * treated + 0.8 * baseline, baseline);
        Qalys.Patient[] treated = [P(0.7, 1), P(0.8, 1), P(0.75, 1)];
        Qalys.Patient[] control = [P(0.5, 0), P(0.6, 0), P(0.55, 0)];

        var plain = treated.Average(p => p.Qalys) - control.Average(p => p.Qalys);
        var adjusted = Qalys.AdjustedDifference(treated, control);

        Assert.Equal(0.05 + 0.8 * 0.2, plain, 10); // the imbalance inflates the plain difference to 0.21
        Assert.Equal(0.05, adjusted, 10);
    }

    [Fact]
    public void TheBootstrap_IsSeeded_AndAdjustsEveryResample()
    {
        static Qalys.Patient P(double baseline, double treated, double cost) => new(cost, 0.1 + 0.05 * treated + 0.8 * baseline, baseline);
        Qalys.Patient[] treated = [P(0.7, 1, 600), P(0.8, 1, 640), P(0.75, 1, 620)];
        Qalys.Patient[] control = [P(0.5, 0, 300), P(0.6, 0, 340), P(0.55, 0, 320)];

        var first = Qalys.Bootstrap(treated, control, 500, 7);
        var again = Qalys.Bootstrap(treated, control, 500, 7);

        Assert.Equal(first, again);
        // Every resample lies exactly on the model, so its adjusted ΔE is 0.05, unless both arms drew one baseline each
        // (then no adjustment can be estimated: about 1 in 81); a bootstrap of plain differences would almost never give 0.05.
        Assert.True(first.Count(r => Math.Abs(r.DeltaEffect - 0.05) < 1e-9) >= 450, "most resamples adjusted to 0.05");
        Assert.All(first, r => Assert.InRange(r.DeltaCost, 600 - 340, 640 - 300));
    }
}
