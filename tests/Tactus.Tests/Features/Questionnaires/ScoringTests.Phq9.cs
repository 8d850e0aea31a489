using Tactus.Web.Features.Questionnaires;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>PHQ-9: sum 0-27; bands 0-4/5-9/10-14/15-19/20-27; item 9 positive at 1 or more whatever the total (clinical.md §1.2).</summary>
public sealed partial class ScoringTests
{
    [Theory]
    [InlineData(0, "minimal")]
    [InlineData(4, "minimal")]
    [InlineData(5, "mild")]
    [InlineData(9, "mild")]
    [InlineData(10, "moderate")]
    [InlineData(14, "moderate")]
    [InlineData(15, "moderately severe")]
    [InlineData(19, "moderately severe")]
    [InlineData(20, "severe")]
    [InlineData(27, "severe")]
    public void Phq9_BandEdges(int total, string band)
    {
        var result = Scoring.Score(Get("PHQ-9"), AnswersTotalling(Get("PHQ-9"), total));

        Assert.Equal((total, band), ((int)result.Total!.Value, result.Band));
        Assert.Equal(total >= 10, result.PositiveScreen);
    }

    [Fact]
    public void Phq9_IsTheSumOfTheNineItems()
    {
        var answers = new Dictionary<string, int?> { ["q1"] = 2, ["q2"] = 3, ["q3"] = 1, ["q4"] = 0, ["q5"] = 2, ["q6"] = 1, ["q7"] = 3, ["q8"] = 0, ["q9"] = 0 };

        Assert.Equal(12, Scoring.Score(Get("PHQ-9"), answers).Total);
    }

    [Fact]
    public void Phq9_Item9Positive_RaisesTheAlertEvenWithALowTotal()
    {
        var answers = AnswersTotalling(Get("PHQ-9"), 0);
        answers["q9"] = 1;

        var result = Scoring.Score(Get("PHQ-9"), answers);

        Assert.Equal((1m, "minimal"), (result.Total!.Value, result.Band));
        var flag = Assert.Single(result.SafetyFlags);
        Assert.Equal(("phq9-item9", "positive"), (flag.RuleId, flag.Kind));
        Assert.Contains("988", flag.PatientMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Phq9_Item9Skipped_IsFlaggedUnansweredNeverTreatedAsZero()
    {
        var answers = AnswersTotalling(Get("PHQ-9"), 3);
        answers["q9"] = null;

        var result = Scoring.Score(Get("PHQ-9"), answers);

        Assert.False(result.Scored);
        Assert.Equal("unanswered", Assert.Single(result.SafetyFlags).Kind);
    }

    [Fact]
    public void Phq9_AnyMissingItem_IsNotScoredUntilAProrationRuleIsVerified()
    {
        var answers = AnswersTotalling(Get("PHQ-9"), 6);
        answers.Remove("q4");

        var result = Scoring.Score(Get("PHQ-9"), answers);

        Assert.False(result.Scored);
        Assert.Equal(1, result.Missing);
        Assert.Contains("every item is answered; 1 of 9 are missing", result.CannotScoreReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Phq9_CarriesTheVerifiedLoincCodes()
    {
        var phq9 = Get("PHQ-9");

        Assert.Equal(("44249-1", "44261-6"), (phq9.Loinc["panel"], phq9.Loinc["total"]));
        Assert.Equal("44260-8", phq9.Items[8].Loinc);
        Assert.Equal(["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"], phq9.Items[0].Options.Select(o => o.Loinc));
    }
}
