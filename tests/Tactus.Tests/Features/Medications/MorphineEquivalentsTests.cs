using Tactus.Web.Features.Medications;

namespace Tactus.Tests.Features.Medications;

/// <summary>
/// MME per day against clinical.md §6.3(a): the CDC 2022 table's two published examples and the derived fixtures, the
/// fentanyl patch in mcg/hr, one methadone factor, and buprenorphine never converted.
/// </summary>
public sealed class MorphineEquivalentsTests
{
    private readonly MorphineEquivalents _mme = new();

    [Theory]
    // The CDC table's own examples (clinical.md §6.3(a) "Published examples").
    [InlineData("hydrocodone", 5, 4, 20)]
    [InlineData("oxycodone", 10, 2, 30)]
    // The derived fixtures (clinical.md §6.3(a) "Derived fixtures").
    [InlineData("fentanyl-transdermal", 25, 1, 60)]
    [InlineData("tramadol", 50, 4, 40)]
    [InlineData("methadone", 10, 3, 141)]
    [InlineData("tapentadol", 100, 2, 80)]
    [InlineData("codeine", 30, 4, 18)]
    public void ADose_IsItsDailyAmountTimesTheCdc2022Factor(string opioid, int strength, int dosesPerDay, int expected)
    {
        var converted = _mme.Convert(new MorphineEquivalents.Dose(opioid, strength, dosesPerDay));

        Assert.Equal(expected, converted.MmePerDay);
    }

    [Fact]
    public void TheTable_HoldsTheTenCdcFactors_WithOneMethadoneFactor()
    {
        var factors = _mme.Opioids.ToDictionary(o => o.Id, o => o.Factor);

        Assert.Equal(new Dictionary<string, decimal>
        {
            ["codeine"] = 0.15m, ["fentanyl-transdermal"] = 2.4m, ["hydrocodone"] = 1.0m, ["hydromorphone"] = 5.0m, ["methadone"] = 4.7m,
            ["morphine"] = 1.0m, ["oxycodone"] = 1.5m, ["oxymorphone"] = 3.0m, ["tapentadol"] = 0.4m, ["tramadol"] = 0.2m,
        }, factors);
        Assert.Equal("mcg/hr", _mme.Opioids.Single(o => o.Id == "fentanyl-transdermal").Unit);
    }

    [Fact]
    public void TheDaysTotal_SumsEveryOpioid_AndLeavesBuprenorphineOutWithTheReason()
    {
        var total = _mme.Sum([
            new("oxycodone", 10, 2),
            new("fentanyl-transdermal", 25, 1),
            new("buprenorphine", 8, 1),
        ]);

        Assert.Equal(90m, total.MmePerDay);
        var left = Assert.Single(total.NotConverted);
        Assert.Equal("buprenorphine", left.Dose.Opioid);
        Assert.Contains("not converted", left.NotConvertedReason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AnUnknownOpioidOrAZeroDose_IsRefused_NotGuessed()
    {
        Assert.Throws<ArgumentException>(() => _mme.Convert(new("pethidine", 50, 2)));
        Assert.Throws<ArgumentException>(() => _mme.Convert(new("morphine", 0, 2)));
    }
}
