using Tactus.Web.Features.Questionnaires;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>
/// PCL-5 (clinical.md §1.2): 20 items 0-4, sum 0-80; clusters B 1-5, C 6-7, D 8-14, E 15-20; provisional
/// diagnosis with items rated 2 or more: at least 1 B, 1 C, 2 D, 2 E; cut-off 33 (Bovin 2016).
/// </summary>
public sealed partial class ScoringTests
{
    private static Dictionary<string, int?> Pcl5(params (int Item, int Value)[] rated)
    {
        var answers = Enumerable.Range(1, 20).ToDictionary(i => $"q{i}", _ => (int?)0);
        foreach (var (item, value) in rated)
        {
            answers[$"q{item}"] = value;
        }

        return answers;
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32)]
    [InlineData(33)]
    [InlineData(80)]
    public void Pcl5_IsTheSumWithTheCutOffAt33(int total)
    {
        var result = Scoring.Score(Get("PCL-5"), AnswersTotalling(Get("PCL-5"), total));

        Assert.Equal(total, result.Total);
        Assert.Equal(total >= 33, result.PositiveScreen);
    }

    [Fact]
    public void Pcl5_ClusterScoresAreTheSumsOfTheirItems()
    {
        var result = Scoring.Score(Get("PCL-5"), Pcl5((1, 4), (5, 3), (6, 2), (7, 1), (8, 1), (14, 4), (15, 2), (20, 3)));

        Assert.Equal(20m, result.Total);
        Assert.Equal([("B", 7m), ("C", 3m), ("D", 5m), ("E", 5m)], result.Subscales!.Select(s => (s.Id, s.Score!.Value)));
    }

    [Fact]
    public void Pcl5_ProvisionalDiagnosis_NeedsOneBOneCTwoDTwoE_RatedTwoOrMore()
    {
        var met = Scoring.Score(Get("PCL-5"), Pcl5((1, 2), (6, 2), (8, 2), (9, 3), (15, 2), (16, 4)));
        var oneDShort = Scoring.Score(Get("PCL-5"), Pcl5((1, 2), (6, 2), (8, 2), (9, 1), (15, 2), (16, 4)));

        Assert.True(Assert.Single(met.Criteria!).Met);
        Assert.False(Assert.Single(oneDShort.Criteria!).Met);
    }

    [Fact]
    public void Pcl5_TooIncompleteToScore_ReportsNoProvisionalDiagnosis()
    {
        var answers = Pcl5((1, 2), (6, 2), (8, 2), (9, 3), (15, 2), (16, 4));
        answers["q20"] = null;

        var result = Scoring.Score(Get("PCL-5"), answers);

        Assert.False(result.Scored);
        Assert.Empty(result.Criteria!);
    }

    [Fact]
    public void Pcl5_WithAnItemMissing_IsNotScored()
    {
        var answers = Pcl5((1, 2));
        answers["q20"] = null;

        Assert.False(Scoring.Score(Get("PCL-5"), answers).Scored);
    }
}
