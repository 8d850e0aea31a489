using Tactus.Web.Features.Questionnaires;

namespace Tactus.Tests.Features.Questionnaires;

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
    public void Catalog_BundlesTheFreeInstrumentsWithTheirText()
    {
        var free = Catalog.Instruments.Where(i => i.Licence.Status == "free").Select(i => i.Code);

        // clinical.md §1.0: ship the YES rows with their wording.
        Assert.Equal(["GAD-2", "GAD-7", "NPRS", "PCL-5", "PEG", "PHQ-2", "PHQ-9", "PSFS"], free);
        Assert.All(Catalog.Instruments.Where(i => i.Licence.Status == "free"), i => Assert.False(i.IsSlot));
    }

    [Fact]
    public void Catalog_ShipsLicensedInstrumentsAsSlotsWithoutWording()
    {
        var slots = Catalog.Instruments.Where(i => i.Licence.Status != "free").ToList();

        // clinical.md §1.0: every other instrument is a definition slot; no item text is bundled.
        Assert.Equal(["EQ-5D-5L", "FIQR", "HIT-6", "ISI", "MIDAS", "NDI", "ODI", "PROMIS-ANX-4a", "PROMIS-DEP-4a", "PROMIS-FAT-4a", "PROMIS-PF-4a", "PROMIS-PI-4a", "PROMIS-SD-4a", "PROMIS-SR-4a", "PSQI", "RMDQ"],
            slots.Select(i => i.Code));
        Assert.All(slots, i => Assert.All(i.Items, item => Assert.Null(item.Text)));
        Assert.All(slots, i => Assert.True(i.IsSlot));
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
