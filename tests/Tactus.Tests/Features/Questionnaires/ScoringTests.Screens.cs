using Tactus.Web.Features.Questionnaires;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>PHQ-2 and GAD-2 (positive at 3 or more: Kroenke 2003, 2007) and NPRS (the answer is the score) — clinical.md §1.2.</summary>
public sealed partial class ScoringTests
{
    [Theory]
    [InlineData("PHQ-2", 2, false)]
    [InlineData("PHQ-2", 3, true)]
    [InlineData("GAD-2", 2, false)]
    [InlineData("GAD-2", 3, true)]
    [InlineData("GAD-2", 6, true)]
    public void TwoItemScreens_ArePositiveAtThree(string code, int total, bool positive)
    {
        var result = Scoring.Score(Get(code), AnswersTotalling(Get(code), total));

        Assert.Equal(total, result.Total);
        Assert.Equal(positive, result.PositiveScreen);
        Assert.Equal(positive ? "positive screen" : "negative screen", result.Band);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    [InlineData(10)]
    public void Nprs_TheAnswerIsTheScore(int pain)
    {
        Assert.Equal(pain, Scoring.Score(Get("NPRS"), new Dictionary<string, int?> { ["pain"] = pain }).Total);
    }

    [Fact]
    public void Nprs_OutOfScaleOrMissing_IsNotScored()
    {
        Assert.False(Scoring.Score(Get("NPRS"), new Dictionary<string, int?> { ["pain"] = 11 }).Scored);
        Assert.False(Scoring.Score(Get("NPRS"), new Dictionary<string, int?> { ["pain"] = null }).Scored);
        Assert.Equal("72514-3", Get("NPRS").Loinc["total"]);
    }
}
