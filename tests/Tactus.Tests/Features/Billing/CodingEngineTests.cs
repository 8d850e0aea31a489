using Tactus.Web.Features.Billing;
using Tactus.Web.Features.Screening;

namespace Tactus.Tests.Features.Billing;

/// <summary>Technique → code mapping, payer modifiers, NCCI PTP edits (clinical.md §2.4) and charges on one visit.</summary>
public sealed class CodingEngineTests
{
    private static readonly BillingReference Reference = new(new ClinicalReference().Techniques.Select(t => t.Id));
    private static readonly PayerCodingRules Medicare = new(TimedUnitRule.Cms, ["GP"]);
    private static readonly Dictionary<string, decimal> Fees = new() { ["97124"] = 30m, ["97140"] = 32.5m, ["97112"] = 35m, ["97010"] = 10m };
    private static readonly DateOnly Day = new(2026, 11, 2);

    private static CodingResult Code(PayerCodingRules payer, params DocumentedTechnique[] techniques) =>
        CodingEngine.Code(techniques, ["M54.50", "M62.830"], Day, payer, Reference, Reference.Ncci, Fees);

    [Fact]
    public void EveryDocumentableTechnique_MapsToAKnownCode()
    {
        foreach (var technique in new ClinicalReference().Techniques)
        {
            Assert.True(Reference.Codes.ContainsKey(Reference.CodeFor(technique.Id)), technique.Id);
        }
    }

    [Fact]
    public void MassageTechniques_Pool_Into97124_WithGpAndPointers()
    {
        var result = Code(Medicare, new("swedish", "lower-back-left", 20), new("deep-tissue", "lower-back-right", 18));

        var line = Assert.Single(result.Lines);
        Assert.Equal(("97124", 38, 3), (line.Code, line.Minutes, line.Units));
        Assert.Equal(["GP"], line.Modifiers);
        Assert.Equal([1, 2], line.DiagnosisPointers);
        Assert.Equal(90m, line.Charge);
    }

    [Fact]
    public void Ncci_SeparateRegions_AddsXsToColumnTwo()
    {
        var result = Code(Medicare, new("swedish", "upper-back", 23), new("myofascial-release", "neck", 23));

        Assert.Equal(["GP", "XS"], result.Lines.Single(l => l.Code == "97124").Modifiers);
        Assert.Equal(["GP"], result.Lines.Single(l => l.Code == "97140").Modifiers);
        Assert.Contains(result.Reasoning, r => r.Contains("separate regions", StringComparison.Ordinal));
    }

    [Fact]
    public void Ncci_SameRegion_ColumnTwoIsNotBilled_AndSaysWhy()
    {
        var result = Code(Medicare, new("swedish", "neck", 23), new("myofascial-release", "neck", 23));

        var massage = result.Lines.Single(l => l.Code == "97124");
        Assert.Equal(0, massage.Units);
        Assert.Equal(0m, massage.Charge);
        Assert.Contains("neck", massage.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("XS", massage.Modifiers);
    }

    [Fact]
    public void CommercialAmaPayer_NoTherapyModifier_UnitsPerCode()
    {
        var result = Code(new PayerCodingRules(TimedUnitRule.Ama, []), new("swedish", "upper-back", 33), new("neuromuscular-reeducation", "neck", 7));

        Assert.Equal(2, result.Lines.Single(l => l.Code == "97124").Units);
        Assert.Equal(0, result.Lines.Single(l => l.Code == "97112").Units);
        Assert.All(result.Lines, l => Assert.Empty(l.Modifiers));
    }

    [Fact]
    public void HotPack_IsUntimed97010_OneUnit()
    {
        var result = Code(Medicare, new("swedish", "neck", 38), new("hot-pack", "neck", 10));

        Assert.Equal(1, result.Lines.Single(l => l.Code == "97010").Units);
        Assert.Equal(3, result.Lines.Single(l => l.Code == "97124").Units);
    }

    [Fact]
    public void MissingFee_WarnsAndChargesNothing()
    {
        var result = CodingEngine.Code([new("swedish", "neck", 30)], ["M54.50"], Day, Medicare, Reference, Reference.Ncci, new Dictionary<string, decimal>());

        Assert.Equal(0m, result.Lines.Single().Charge);
        Assert.Contains(result.Warnings, w => w.Contains("no fee for 97124", StringComparison.Ordinal));
    }

    [Fact]
    public void NcciFile_InCmsLayout_ParsesPairsDatesAndIndicators()
    {
        const string file = "Notice line\nColumn 1\tColumn 2\t*=in existence prior to 1996\tEffective Date\tDeletion Date *=no data\tModifier\tPTP Edit Rationale\n"
            + "98940\t97140\t\t20000101\t*\t1\tMisuse of column two code with column one code\n"
            + "97530\t97140\t\t20200101\t20200331\t1\tMutually exclusive procedures\n"
            + "97161\t97140\t\t20200101\t*\t9\tNo longer an edit\n"
            + "97750\t97140\t\t20200101\t*\t0\tStandards of medical practice\r\n";

        var edits = NcciEdits.Parse(file);

        Assert.Equal(3, edits.Count);
        Assert.Single(edits.Applying(["98940", "97140"], Day));
        Assert.Empty(edits.Applying(["97530", "97140"], Day));
        Assert.Single(edits.Applying(["97530", "97140"], new DateOnly(2020, 2, 1)));
        Assert.Empty(edits.Applying(["97161", "97140"], Day));
        Assert.False(edits.Applying(["97750", "97140"], Day).Single().ModifierAllowed);
    }

    [Theory]
    [InlineData("just some text\nwith no edits\n")]
    [InlineData("98940\t97140\t\t2000-01-01\t*\t1\tx\n")]
    [InlineData("98940\t97140\t\t20000101\t*\t7\tx\n")]
    public void NcciFile_NotInTheLayout_IsRefusedWithTheReason(string file) =>
        Assert.Throws<FormatException>(() => NcciEdits.Parse(file));
}
