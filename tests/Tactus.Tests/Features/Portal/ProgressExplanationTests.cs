using Tactus.Web.Features.Portal;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Questionnaires.Administer;

namespace Tactus.Tests.Features.Portal;

/// <summary>
/// The patient's trend in plain words says which way is better and whether a change reaches the instrument's MCID
/// (NPRS: 2 points or 30 % of baseline, Farrar et al. 2001 as the reference file cites it; clinical.md §1), and claims
/// nothing more.
/// </summary>
public sealed class ProgressExplanationTests
{
    private static readonly InstrumentCatalog Catalog = new();

    [Theory]
    [InlineData(7, 4, "Lower scores mean fewer symptoms. Your score went from 7 to 4: it improved. That is a change large enough that most people notice it.")]
    [InlineData(7, 6, "Lower scores mean fewer symptoms. Your score went from 7 to 6: it improved. That is not yet a change most people notice.")]
    [InlineData(4, 7, "Lower scores mean fewer symptoms. Your score went from 4 to 7: it got worse. That is a change large enough that most people notice it; talk to your therapist about it.")]
    [InlineData(5, 5, "Lower scores mean fewer symptoms. Your score went from 5 to 5: it stayed the same. That is not yet a change most people notice.")]
    public void PainScores_AreExplainedAgainstTheMcid(int baseline, int latest, string expected)
    {
        var nprs = Catalog.Find("NPRS")!;
        var (change, reached) = Scoring.Change(nprs, baseline, latest);

        var text = ProgressExplanation.For(nprs, new MeasuresSummary.Row("NPRS", baseline, latest, null, change, reached, Scoring.Improved(nprs, change), null));

        Assert.Equal(expected, text);
    }

    [Fact]
    public void OneAnswer_HasNoTrendYet_AndAHigherIsBetterScaleSaysSo()
    {
        var psfs = Catalog.Find("PSFS")!;

        var text = ProgressExplanation.For(psfs, new MeasuresSummary.Row("PSFS", 4, 4, null, null, null, false, null));

        Assert.Equal("Higher scores mean things are better. You have answered it once (score 4); your trend shows once you answer it again.", text);
    }
}
