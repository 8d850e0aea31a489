using Tactus.Web.Features.Outcomes;

namespace Tactus.Tests.Features.Outcomes;

/// <summary>
/// The cost-effectiveness arithmetic against clinical.md §6.3(b) (the worked QALY/ICER/NMB example) and the rules of
/// §6.2 (dominance named, never a negative ICER; NMB; bootstrap resampling within arms; the CEAC).
/// </summary>
public sealed class CostEffectivenessTests
{
    [Fact]
    public void TheWorkedExample_Reproduces_QalysIcerAndNetMonetaryBenefit()
    {
        var intervention = CostEffectiveness.QalysByAreaUnderCurve([(0, 0.60), (0.25, 0.70), (1.0, 0.72)]);
        var control = CostEffectiveness.QalysByAreaUnderCurve([(0, 0.60), (0.25, 0.64), (1.0, 0.66)]);
        var icer = CostEffectiveness.IncrementalRatio(620 - 320, intervention - control);

        Assert.Equal(0.6950, intervention, 10);
        Assert.Equal(0.6425, control, 10);
        Assert.Equal(0.0525, icer.DeltaEffect, 10);
        Assert.Equal(CostEffectiveness.Quadrant.MoreCostlyMoreEffective, icer.Quadrant);
        Assert.Equal(5714.29, Math.Round(icer.Ratio!.Value, 2));
        Assert.Equal(750, CostEffectiveness.NetMonetaryBenefit(20_000, 300, icer.DeltaEffect), 8);
        Assert.Equal("£5,714.29 per QALY", icer.Describe("£", "QALY"));
    }

    [Theory]
    [InlineData(-100, 0.02, CostEffectiveness.Quadrant.Dominant)]
    [InlineData(100, -0.02, CostEffectiveness.Quadrant.Dominated)]
    [InlineData(-100, -0.02, CostEffectiveness.Quadrant.LessCostlyLessEffective)]
    [InlineData(100, 0, CostEffectiveness.Quadrant.NoDifferenceInEffect)]
    public void DominanceIsNamed_NeverANegativeRatio(double deltaCost, double deltaEffect, CostEffectiveness.Quadrant quadrant)
    {
        var icer = CostEffectiveness.IncrementalRatio(deltaCost, deltaEffect);

        Assert.Equal(quadrant, icer.Quadrant);
        Assert.True(icer.Ratio is null or > 0);
    }

    [Fact]
    public void TheBootstrap_IsReproducibleFromItsSeed_AndCentresOnTheObservedDifference()
    {
        var intervention = Enumerable.Range(0, 40).Select(i => new CostEffectiveness.Patient(600 + 5 * (i % 9), 3 + i % 5)).ToList();
        var comparison = Enumerable.Range(0, 30).Select(i => new CostEffectiveness.Patient(300 + 7 * (i % 6), 1 + i % 4)).ToList();
        var observedCost = intervention.Average(p => p.Cost) - comparison.Average(p => p.Cost);
        var observedEffect = intervention.Average(p => p.Effect) - comparison.Average(p => p.Effect);

        var first = CostEffectiveness.Bootstrap(intervention, comparison, 1_000, seed: 20261206);
        var again = CostEffectiveness.Bootstrap(intervention, comparison, 1_000, seed: 20261206);
        var other = CostEffectiveness.Bootstrap(intervention, comparison, 1_000, seed: 7);
        var (low, high) = CostEffectiveness.PercentileInterval(first.Select(r => r.DeltaEffect));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(observedEffect, first.Average(r => r.DeltaEffect), 1);
        Assert.Equal(observedCost, first.Average(r => r.DeltaCost), 0);
        Assert.True(low < observedEffect && observedEffect < high);
    }

    [Fact]
    public void TheAcceptabilityCurve_IsTheShareOfReplicatesWithPositiveNetBenefit()
    {
        CostEffectiveness.Replicate[] replicates = [new(100, 0.01), new(100, 0.02), new(-50, 0.01), new(200, -0.01)];

        var curve = CostEffectiveness.AcceptabilityCurve(replicates, [0, 7_500, 20_000]);

        // λ = 0: only the cheaper replicate; 7,500: NMB 75−100 < 0, 150−100 > 0; 20,000: three of four.
        Assert.Equal([(0.0, 0.25), (7_500.0, 0.5), (20_000.0, 0.75)], curve);
    }
}
