using Tactus.Web.Features.Questionnaires;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>
/// Band conventions (issue 10 §2, clinical reference §1.2 NPRS): the NPRS file lists the published cut-point
/// sets, each with its source, states its default, and bands a score by the convention in effect. Checked
/// against Serlin et al. Pain 1995;61:277-284 (1-4 mild, 5-6 moderate, 7-10 severe) and Boonstra et al.
/// Front Psychol 2016;7:1466 (chronic musculoskeletal pain: up to 5 mild, 6-7 moderate, 8 and over severe).
/// </summary>
public sealed partial class ScoringTests
{
    private static string? NprsBand(InstrumentDefinition definition, int pain) =>
        Scoring.Score(definition, new Dictionary<string, int?> { ["pain"] = pain }).Band;

    [Theory]
    [InlineData("three-six", 3, "mild")]
    [InlineData("three-six", 4, "moderate")]
    [InlineData("serlin-1995", 4, "mild")]
    [InlineData("serlin-1995", 5, "moderate")]
    [InlineData("serlin-1995", 7, "severe")]
    [InlineData("boonstra-2016", 5, "mild")]
    [InlineData("boonstra-2016", 7, "moderate")]
    [InlineData("boonstra-2016", 8, "severe")]
    public void Nprs_BandsByTheConventionInEffect(string convention, int pain, string band)
    {
        Assert.Equal(band, NprsBand(Get("NPRS").WithConvention(convention)!, pain));
    }

    [Fact]
    public void Nprs_StatesItsDefaultConvention_AndEveryConventionNamesItsSource()
    {
        var nprs = Get("NPRS");

        Assert.Equal("three-six", nprs.DefaultBandConvention);
        Assert.Equal("1-3 mild, 4-6 moderate, 7-10 severe", nprs.BandConvention);
        Assert.False(string.IsNullOrWhiteSpace(nprs.DefaultBandConventionReason));
        Assert.Equal(3, nprs.Conventions.Count);
        Assert.Contains(nprs.Conventions, c => c.Id == "serlin-1995" && c.Source.Contains("Pain 1995;61:277-284", StringComparison.Ordinal));
    }

    [Fact]
    public void Catalog_RefusesAConventionWithAGapOrWithoutASource()
    {
        var nprs = Get("NPRS");
        var gap = new BandConvention("gap", "gap", "a source", [new ScoreBand(0, 3, "low"), new ScoreBand(5, 10, "high")]);
        var unsourced = new BandConvention("unsourced", "unsourced", "", nprs.Bands);

        Assert.Throws<InvalidOperationException>(() => new InstrumentCatalog([nprs with { BandConventions = [gap], DefaultBandConvention = "gap" }]));
        Assert.Throws<InvalidOperationException>(() => new InstrumentCatalog([nprs with { BandConventions = [unsourced], DefaultBandConvention = "unsourced" }]));
    }
}
