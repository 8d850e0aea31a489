using Tactus.Web.Features.Outcomes;

namespace Tactus.Tests.Features.Outcomes;

/// <summary>
/// The outcome figures from sums (issue 14 §1), checked against values worked by hand: the sample SD and Student's t
/// interval (t(0.975, 7) = 2.3646), the Wilson interval of 8 of 10 (0.490–0.943, the textbook example), and the exact
/// Poisson interval of 3 events (0.619–8.767).
/// </summary>
public sealed class OutcomeStatisticsTests
{
    private static readonly (double Baseline, double Latest)[] Episodes =
        [(10, 12), (12, 16), (9, 13), (11, 15), (10, 15), (8, 13), (12, 19), (8, 17)]; // changes 2,4,4,4,5,5,7,9

    [Fact]
    public void TheMeanChange_HasItsStudentTInterval_AndEffectSizesFromTheBaselineAndChangeSd()
    {
        var summary = OutcomeStatistics.Summarise(OutcomeStatistics.ChangeSums.Of(Episodes));

        Assert.Equal(8, summary.N);
        Assert.Equal(5.0, summary.Mean, 10);
        Assert.Equal(2.138090, summary.StandardDeviation!.Value, 5);
        Assert.Equal(3.212512, summary.Lower!.Value, 5);
        Assert.Equal(6.787488, summary.Upper!.Value, 5);
        Assert.Equal(3.118048, summary.EffectSize!.Value, 5); // 5 / SD of the baselines (1.60357)
        Assert.Equal(2.338536, summary.StandardisedResponseMean!.Value, 5);
    }

    [Fact]
    public void SumsOfTwoGroups_GiveTheSameFigures_AsTheGroupsTogether()
    {
        var together = OutcomeStatistics.ChangeSums.Of(Episodes);
        var merged = OutcomeStatistics.ChangeSums.Of(Episodes[..3]) + OutcomeStatistics.ChangeSums.Of(Episodes[3..]);

        Assert.Equal(OutcomeStatistics.Summarise(together), OutcomeStatistics.Summarise(merged));
    }

    [Fact]
    public void OneEpisode_HasAMean_ButNoInterval()
    {
        var summary = OutcomeStatistics.Summarise(OutcomeStatistics.ChangeSums.Of([(10, 12)]));

        Assert.Equal((1, 2.0), (summary.N, summary.Mean));
        Assert.Null(summary.Lower);
        Assert.Null(summary.EffectSize);
    }

    [Fact]
    public void AProportion_HasItsWilsonInterval_InsideZeroAndOne()
    {
        var eightOfTen = OutcomeStatistics.Wilson(8, 10)!;
        var none = OutcomeStatistics.Wilson(0, 12)!;

        Assert.Equal(0.8, eightOfTen.Rate, 10);
        Assert.Equal(0.4902, eightOfTen.Lower, 4);
        Assert.Equal(0.9433, eightOfTen.Upper, 4);
        Assert.Equal(0.0, none.Lower);
        Assert.True(none.Upper is > 0.2 and < 0.3);
        Assert.Null(OutcomeStatistics.Wilson(0, 0));
    }

    [Fact]
    public void AdverseEventsPerHundredSessions_HaveTheExactPoissonInterval()
    {
        var rate = OutcomeStatistics.PerHundredSessions(3, 300)!;

        Assert.Equal(1.0, rate.PerHundred, 10);
        Assert.Equal(0.6187 / 3, rate.Lower, 4);
        Assert.Equal(8.7673 / 3, rate.Upper, 4);
        Assert.Equal(0.0, OutcomeStatistics.PerHundredSessions(0, 50)!.Lower);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void CellsOfOneToTen_AreSuppressed(int n, bool suppressed) => Assert.Equal(suppressed, OutcomeStatistics.IsSuppressed(n));
}
