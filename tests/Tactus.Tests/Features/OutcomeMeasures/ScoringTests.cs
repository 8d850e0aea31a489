using Tactus.Web.Features.OutcomeMeasures;

namespace Tactus.Tests.Features.OutcomeMeasures;

/// <summary>Scoring exactly as the authors publish it (reference/clinical.md §1.2); one partial file per instrument.</summary>
public sealed partial class ScoringTests
{
    private static readonly InstrumentCatalog Catalog = new();

    private static InstrumentDefinition Get(string code) => Catalog.Find(code)!;

    /// <summary>Answers that add up to a chosen total, spread over the items from the first.</summary>
    private static Dictionary<string, int?> AnswersTotalling(InstrumentDefinition definition, int total)
    {
        var answers = new Dictionary<string, int?>();
        var left = total;
        foreach (var item in definition.Items)
        {
            var value = Math.Min(left, item.Options.Max(o => o.Value));
            answers[item.Id] = value;
            left -= value;
        }

        Assert.Equal(0, left);
        return answers;
    }

    [Fact]
    public void Catalog_LoadsTheBundledFreeInstruments()
    {
        Assert.Equal(["GAD-2", "GAD-7", "NPRS", "PHQ-2", "PHQ-9"], Catalog.Instruments.Select(i => i.Code));
        Assert.All(Catalog.Instruments, i => Assert.Equal("free", i.Licence.Status));
        Assert.All(Catalog.Instruments, i => Assert.All(i.Items, item => Assert.False(string.IsNullOrWhiteSpace(item.Text))));
    }

    [Fact]
    public void Catalog_RefusesBandsWithAGap()
    {
        var phq9 = Get("PHQ-9");
        var broken = phq9 with { Bands = [.. phq9.Bands.Where(b => b.Label != "mild")] };

        var error = Assert.Throws<InvalidOperationException>(() => new InstrumentCatalog([broken]));

        Assert.Contains("leave a gap or overlap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownItemOrOutOfRangeValue_IsRefusedWithAReason()
    {
        var unknown = Scoring.Score(Get("GAD-2"), new Dictionary<string, int?> { ["q1"] = 1, ["q2"] = 1, ["q3"] = 1 });
        var outOfRange = Scoring.Score(Get("GAD-2"), new Dictionary<string, int?> { ["q1"] = 4, ["q2"] = 1 });

        Assert.False(unknown.Scored);
        Assert.Contains("has no item q3", unknown.CannotScoreReason, StringComparison.Ordinal);
        Assert.Contains("4 is not an answer to GAD-2 q1; it takes 0, 1, 2, 3", outOfRange.CannotScoreReason, StringComparison.Ordinal);
    }
}
