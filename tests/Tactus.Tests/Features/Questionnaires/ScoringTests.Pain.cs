using Tactus.Web.Features.Questionnaires;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>PEG (mean of three 0-10 items, one decimal) and PSFS (mean of 3-5 patient-named activities, higher is better), clinical.md §1.2.</summary>
public sealed partial class ScoringTests
{
    [Theory]
    [InlineData(7, 5, 6, 6.0)]
    [InlineData(8, 6, 6, 6.7)]
    [InlineData(10, 10, 9, 9.7)]
    [InlineData(0, 0, 1, 0.3)]
    [InlineData(2, 3, 3, 2.7)]
    public void Peg_IsTheMeanOfItsThreeItemsToOneDecimal(int pain, int enjoyment, int activity, double expected)
    {
        var result = Scoring.Score(Get("PEG"), new Dictionary<string, int?> { ["pain"] = pain, ["enjoyment"] = enjoyment, ["activity"] = activity });

        Assert.Equal((decimal)expected, result.Total);
        Assert.Null(result.Band);
    }

    [Fact]
    public void Peg_WithAnItemMissing_IsNotScored()
    {
        // No proration rule is published for the PEG (clinical.md §1.2): all three items are required.
        var result = Scoring.Score(Get("PEG"), new Dictionary<string, int?> { ["pain"] = 6, ["enjoyment"] = 5, ["activity"] = null });

        Assert.False(result.Scored);
        Assert.Contains("every item is answered", result.CannotScoreReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Peg_RefusesAnswersOutsideZeroToTen()
    {
        var result = Scoring.Score(Get("PEG"), new Dictionary<string, int?> { ["pain"] = 11, ["enjoyment"] = 5, ["activity"] = 5 });

        Assert.Contains("11 is not an answer to PEG pain; it takes 0 to 10", result.CannotScoreReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Peg_ThirtyPercentReductionReachesTheMcid()
    {
        Assert.Equal((-3m, true), Scoring.Change(Get("PEG"), 10m, 7m));
        Assert.Equal((-2.9m, false), Scoring.Change(Get("PEG"), 10m, 7.1m));
    }

    [Fact]
    public void Psfs_IsTheMeanOfTheRatedActivities()
    {
        var three = Scoring.Score(Get("PSFS"), new Dictionary<string, int?> { ["a1"] = 3, ["a2"] = 4, ["a3"] = 6 });
        var five = Scoring.Score(Get("PSFS"), new Dictionary<string, int?> { ["a1"] = 3, ["a2"] = 4, ["a3"] = 6, ["a4"] = 10, ["a5"] = 0 });

        Assert.Equal(4.3m, three.Total);
        Assert.Equal(4.6m, five.Total);
    }

    [Fact]
    public void Psfs_NeedsAtLeastThreeActivities()
    {
        var two = Scoring.Score(Get("PSFS"), new Dictionary<string, int?> { ["a1"] = 3, ["a2"] = 4 });

        Assert.False(two.Scored);
        Assert.Contains("at most 2 missing items; 3 are missing", two.CannotScoreReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Psfs_HigherIsBetter_SoARiseIsTheImprovement()
    {
        var psfs = Get("PSFS");
        var (change, reached) = Scoring.Change(psfs, 3m, 5m);

        Assert.True(psfs.HigherIsBetter);
        Assert.Equal((2m, true), (change, reached));
        Assert.True(Scoring.Improved(psfs, change));
        Assert.False(Scoring.Improved(Get("NPRS"), change));
    }
}
