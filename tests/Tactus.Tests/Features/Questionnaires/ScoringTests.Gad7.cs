using Tactus.Web.Features.Questionnaires;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>GAD-7: sum 0-21; bands 0-4/5-9/10-14/15-21; screen positive at 10; MCID 4 points (Toussaint 2020) — clinical.md §1.2.</summary>
public sealed partial class ScoringTests
{
    [Theory]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "severe")]
    [InlineData(21, "severe")]
    public void Gad7_BandEdges(int total, string band)
    {
        var result = Scoring.Score(Get("GAD-7"), AnswersTotalling(Get("GAD-7"), total));

        Assert.Equal(band, result.Band);
        Assert.Equal(total >= 10, result.PositiveScreen);
    }

    [Theory]
    [InlineData(12, 8, true)]
    [InlineData(12, 9, false)]
    [InlineData(8, 12, true)]
    public void Gad7_ChangeOfFourPointsReachesTheMcid(int baseline, int current, bool reached)
    {
        var (change, mcid) = Scoring.Change(Get("GAD-7"), baseline, current);

        Assert.Equal(current - baseline, change);
        Assert.Equal(reached, mcid);
    }

    [Fact]
    public void Gad7_MissingItem_IsNotScored()
    {
        var answers = AnswersTotalling(Get("GAD-7"), 7);
        answers["q7"] = null;

        Assert.False(Scoring.Score(Get("GAD-7"), answers).Scored);
    }
}
