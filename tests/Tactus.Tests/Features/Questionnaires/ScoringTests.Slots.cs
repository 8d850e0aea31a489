using Tactus.Web.Features.Questionnaires;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>
/// The definition slots score exactly as clinical.md §1.2 states each rule, with or without the wording:
/// ODI percentage with one missing section, RMDQ count, NDI sum, HIT-6 weighted answers, MIDAS grades,
/// FIQR domain divisors, PSQI global score, ISI bands, PROMIS reverse items, proration and raw-to-T lookup.
/// </summary>
public sealed partial class ScoringTests
{
    private static Dictionary<string, int?> Each(InstrumentDefinition definition, params int[] values) =>
        definition.Items.Select((item, i) => (item.Id, Value: i < values.Length ? (int?)values[i] : null)).ToDictionary(x => x.Id, x => x.Value);

    [Theory]
    [InlineData(10, 20, "minimal disability")]
    [InlineData(11, 22, "moderate disability")]
    [InlineData(20, 40, "moderate disability")]
    [InlineData(21, 42, "severe disability")]
    [InlineData(30, 60, "severe disability")]
    [InlineData(31, 62, "crippled")]
    [InlineData(40, 80, "crippled")]
    [InlineData(41, 82, "bed-bound or exaggerating")]
    [InlineData(50, 100, "bed-bound or exaggerating")]
    public void Odi_IsThePercentageOfTheMaximum(int sum, int percent, string band)
    {
        var result = Scoring.Score(Get("ODI"), AnswersTotalling(Get("ODI"), sum));

        Assert.Equal((percent, band), ((int)result.Total!.Value, result.Band));
    }

    [Fact]
    public void Odi_OneSectionMissing_DividesBy45_TwoMissingIsNotScored()
    {
        var nine = Each(Get("ODI"), 3, 3, 3, 3, 3, 2, 2, 1, 1);
        var eight = Each(Get("ODI"), 3, 3, 3, 3, 3, 2, 2, 1);

        // 21 ÷ 45 × 100 = 46.67, reported as 47 %.
        Assert.Equal(47m, Scoring.Score(Get("ODI"), nine).Total);
        Assert.False(Scoring.Score(Get("ODI"), eight).Scored);
    }

    [Fact]
    public void Rmdq_CountsTheTickedStatements()
    {
        var answers = Each(Get("RMDQ"), Enumerable.Range(0, 24).Select(i => i % 3 == 0 ? 1 : 0).ToArray());

        Assert.Equal(8m, Scoring.Score(Get("RMDQ"), answers).Total);
        Assert.Equal((-5m, true), Scoring.Change(Get("RMDQ"), 12m, 7m));
    }

    [Theory]
    [InlineData(4, "no disability")]
    [InlineData(5, "mild")]
    [InlineData(14, "mild")]
    [InlineData(15, "moderate")]
    [InlineData(24, "moderate")]
    [InlineData(25, "severe")]
    [InlineData(34, "severe")]
    [InlineData(35, "complete")]
    public void Ndi_BandEdges(int sum, string band)
    {
        var result = Scoring.Score(Get("NDI"), AnswersTotalling(Get("NDI"), sum));

        Assert.Equal((sum, band), ((int)result.Total!.Value, result.Band));
    }

    [Theory]
    [InlineData(new[] { 6, 6, 6, 6, 6, 6 }, 36, "little or no impact")]
    [InlineData(new[] { 6, 6, 6, 8, 10, 13 }, 49, "little or no impact")]
    [InlineData(new[] { 6, 6, 6, 8, 11, 13 }, 50, "some impact")]
    [InlineData(new[] { 8, 8, 8, 10, 10, 11 }, 55, "some impact")]
    [InlineData(new[] { 8, 8, 8, 10, 11, 11 }, 56, "substantial impact")]
    [InlineData(new[] { 8, 8, 10, 10, 10, 13 }, 59, "substantial impact")]
    [InlineData(new[] { 8, 8, 10, 10, 11, 13 }, 60, "severe impact")]
    [InlineData(new[] { 13, 13, 13, 13, 13, 13 }, 78, "severe impact")]
    public void Hit6_SumsTheWeightedAnswers(int[] answers, int total, string band)
    {
        var result = Scoring.Score(Get("HIT-6"), Each(Get("HIT-6"), answers));

        Assert.Equal((total, band), ((int)result.Total!.Value, result.Band));
    }

    [Fact]
    public void Hit6_OnlyTheFiveWeightsAreAnswers_AndNoItemMayBeMissing()
    {
        Assert.Contains("it takes 6, 8, 10, 11, 13", Scoring.Score(Get("HIT-6"), Each(Get("HIT-6"), 7, 6, 6, 6, 6, 6)).CannotScoreReason, StringComparison.Ordinal);
        Assert.False(Scoring.Score(Get("HIT-6"), Each(Get("HIT-6"), 6, 6, 6, 6, 6)).Scored);
    }

    [Theory]
    [InlineData(5, "grade I: little or no disability")]
    [InlineData(6, "grade II: mild disability")]
    [InlineData(10, "grade II: mild disability")]
    [InlineData(11, "grade III: moderate disability")]
    [InlineData(20, "grade III: moderate disability")]
    [InlineData(21, "grade IV: severe disability")]
    [InlineData(450, "grade IV: severe disability")]
    public void Midas_GradesTheSumOfDays(int days, string grade)
    {
        var result = Scoring.Score(Get("MIDAS"), AnswersTotalling(Get("MIDAS"), days));

        Assert.Equal((days, grade), ((int)result.Total!.Value, result.Band));
    }

    [Fact]
    public void Midas_RefusesMoreThan90DaysInAQuestion()
    {
        Assert.Contains("91 is not an answer to MIDAS q1; it takes 0 to 90", Scoring.Score(Get("MIDAS"), Each(Get("MIDAS"), 91, 0, 0, 0, 0)).CannotScoreReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fiqr_FunctionDividedBy3_ImpactAsIs_SymptomsDividedBy2()
    {
        var fives = Scoring.Score(Get("FIQR"), Each(Get("FIQR"), Enumerable.Repeat(5, 21).ToArray()));
        // Function items sum 10 -> 3.33; impact 3 + 4 = 7; symptoms sum 33 -> 16.5; total 26.83 -> 26.8.
        var mixed = Scoring.Score(Get("FIQR"), Each(Get("FIQR"), 1, 1, 1, 1, 1, 1, 1, 1, 2, 3, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 6));

        Assert.Equal(50m, fives.Total);
        Assert.Equal([15m, 10m, 25m], fives.Subscales!.Select(s => s.Score!.Value));
        Assert.Equal(26.8m, mixed.Total);
        Assert.Equal([3.33m, 7m, 16.5m], mixed.Subscales!.Select(s => s.Score!.Value));
        Assert.Equal(100m, Scoring.Score(Get("FIQR"), Each(Get("FIQR"), Enumerable.Repeat(10, 21).ToArray())).Total);
    }

    [Theory]
    [InlineData(5, "good sleeper", false)]
    [InlineData(6, "poor sleeper", true)]
    [InlineData(21, "poor sleeper", true)]
    public void Psqi_GlobalOver5IsAPoorSleeper(int global, string band, bool positive)
    {
        var result = Scoring.Score(Get("PSQI"), AnswersTotalling(Get("PSQI"), global));

        Assert.Equal((band, positive), (result.Band, result.PositiveScreen!.Value));
    }

    [Theory]
    [InlineData(7, "no clinically significant insomnia")]
    [InlineData(8, "subthreshold insomnia")]
    [InlineData(14, "subthreshold insomnia")]
    [InlineData(15, "moderate clinical insomnia")]
    [InlineData(21, "moderate clinical insomnia")]
    [InlineData(22, "severe clinical insomnia")]
    [InlineData(28, "severe clinical insomnia")]
    public void Isi_BandEdges(int sum, string band)
    {
        Assert.Equal(band, Scoring.Score(Get("ISI"), AnswersTotalling(Get("ISI"), sum)).Band);
    }

    [Fact]
    public void PromisSleep_ReversesSleep109AndSleep116BeforeLookingUpTheTScore()
    {
        var sleep = Get("PROMIS-SD-4a");
        var answers = new Dictionary<string, int?> { ["Sleep109"] = 5, ["Sleep116"] = 4, ["Sleep20"] = 3, ["Sleep44"] = 2 };

        var result = Scoring.Score(sleep, answers);

        // 5 -> 1 and 4 -> 2 once reversed: raw 1 + 2 + 3 + 2 = 8.
        Assert.Equal(8m, result.RawTotal);
        Assert.Equal(sleep.Scoring.Conversion!["8"], result.Total);
    }

    [Fact]
    public void Promis_ProratesWhenHalfAreAnswered_RoundingUp()
    {
        var pain = Get("PROMIS-PI-4a");

        var three = Scoring.Score(pain, new Dictionary<string, int?> { ["i1"] = 2, ["i2"] = 3, ["i3"] = 3 });
        var two = Scoring.Score(pain, new Dictionary<string, int?> { ["i1"] = 2, ["i2"] = 3 });
        var one = Scoring.Score(pain, new Dictionary<string, int?> { ["i1"] = 2 });

        // 8 × 4 ÷ 3 = 10.67, rounded up to 11; 5 × 4 ÷ 2 = 10.
        Assert.Equal((11m, pain.Scoring.Conversion!["11"]), (three.RawTotal!.Value, three.Total!.Value));
        Assert.Equal((10m, pain.Scoring.Conversion["10"]), (two.RawTotal!.Value, two.Total!.Value));
        Assert.False(one.Scored);
    }

    [Fact]
    public void Promis_TablesCoverEveryRawScoreAndRiseWithIt()
    {
        foreach (var promis in Catalog.Instruments.Where(i => i.Code.StartsWith("PROMIS-", StringComparison.Ordinal)))
        {
            var table = Enumerable.Range(4, 17).Select(raw => promis.Scoring.Conversion![raw.ToString(System.Globalization.CultureInfo.InvariantCulture)]).ToList();
            Assert.Equal(table.Order(), table);
            Assert.False(promis.Scoring.ConversionVerified, "The tables are unverified against the HealthMeasures manual (clinical.md §1.2) and must say so.");
        }
    }

    [Fact]
    public void Catalog_RefusesAConversionTableWithAHole()
    {
        var pain = Get("PROMIS-PI-4a");
        var holed = pain with { Scoring = pain.Scoring with { Conversion = pain.Scoring.Conversion!.Where(p => p.Key != "12").ToDictionary() } };

        var error = Assert.Throws<InvalidOperationException>(() => new InstrumentCatalog([holed]));

        Assert.Contains("must cover every raw score 4-20", error.Message, StringComparison.Ordinal);
    }
}
