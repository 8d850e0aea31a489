using Tactus.Web.Features.Billing;

namespace Tactus.Tests.Features.Billing;

/// <summary>
/// clinical.md §2.2 (CMS 8-minute rule, Pub. 100-04 ch. 5 §20.2) and §2.3 (AMA substantial portion). The
/// worked examples A–F are the reference's; examples 1–4 are the manual's own, checked against a reproduction
/// of §20.2 (findacode.com "Documentation Requirements for Therapy Services", 2015).
/// </summary>
public sealed class UnitCalculatorTests
{
    private static Dictionary<string, int> Units(TimedUnitRule rule, params (string Code, int Minutes, bool Timed)[] services) =>
        UnitCalculator.Calculate(services.Select(s => new ServiceMinutes(s.Code, s.Minutes, s.Timed)), rule).Services.ToDictionary(s => s.Code, s => s.Units);

    [Theory]
    [InlineData(0, 0)]
    [InlineData(7, 0)]
    [InlineData(8, 1)]
    [InlineData(22, 1)]
    [InlineData(23, 2)]
    [InlineData(37, 2)]
    [InlineData(38, 3)]
    [InlineData(52, 3)]
    [InlineData(53, 4)]
    [InlineData(67, 4)]
    [InlineData(68, 5)]
    [InlineData(82, 5)]
    [InlineData(83, 6)]
    [InlineData(97, 6)]
    [InlineData(98, 7)]
    [InlineData(112, 7)]
    [InlineData(113, 8)]
    [InlineData(127, 8)]
    [InlineData(128, 9)]
    public void UnitsForMinutes_FollowsTheSection20_2Table(int minutes, int units) =>
        Assert.Equal(units, UnitCalculator.UnitsForMinutes(minutes));

    [Theory]
    [InlineData(7, 0)]
    [InlineData(8, 1)]
    [InlineData(22, 1)]
    [InlineData(23, 2)]
    [InlineData(37, 2)]
    [InlineData(38, 3)]
    public void OneTimedCode_SameUnitsUnderBothRules(int minutes, int units)
    {
        Assert.Equal(units, Units(TimedUnitRule.Cms, ("97124", minutes, true))["97124"]);
        Assert.Equal(units, Units(TimedUnitRule.Ama, ("97124", minutes, true))["97124"]);
    }

    [Fact]
    public void CaseA_Cms_47MinutesGiveThreeUnits_MoreToTheLongerService()
    {
        var units = Units(TimedUnitRule.Cms, ("97112", 24, true), ("97110", 23, true));

        Assert.Equal(2, units["97112"]);
        Assert.Equal(1, units["97110"]);
    }

    [Fact]
    public void ManualExample2_Cms_TiedLeftovers_TwoAndOneNeverThreeOnOne()
    {
        var units = Units(TimedUnitRule.Cms, ("97112", 20, true), ("97110", 20, true));

        Assert.Equal(3, units.Values.Sum());
        Assert.Equal([1, 2], units.Values.Order());
    }

    [Fact]
    public void CaseB_Cms_SevenMinuteLeftoverBeatsThree()
    {
        var units = Units(TimedUnitRule.Cms, ("97110", 33, true), ("97140", 7, true));

        Assert.Equal(2, units["97110"]);
        Assert.Equal(1, units["97140"]);
    }

    [Fact]
    public void CaseB_Ama_EachCodeOnItsOwn_SevenMinutesIsNothing()
    {
        var units = Units(TimedUnitRule.Ama, ("97110", 33, true), ("97140", 7, true));

        Assert.Equal(2, units["97110"]);
        Assert.Equal(0, units["97140"]);
    }

    [Fact]
    public void CaseC_TwoSevenMinuteServices_CmsOneUnit_AmaNone()
    {
        var cms = Units(TimedUnitRule.Cms, ("97112", 7, true), ("97110", 7, true));
        var ama = Units(TimedUnitRule.Ama, ("97112", 7, true), ("97110", 7, true));

        Assert.Equal(1, cms.Values.Sum());
        Assert.Equal(0, ama.Values.Sum());
    }

    [Fact]
    public void CaseC_Cms_TheTieIsExplainedAndRepeatable()
    {
        var result = UnitCalculator.Calculate([new("97112", 7, true), new("97110", 7, true)], TimedUnitRule.Cms);

        Assert.Equal(1, result.Services.Single(s => s.Code == "97112").Units);
        Assert.Contains(result.Reasoning, r => r.Contains("tied with 97110", StringComparison.Ordinal));
    }

    [Fact]
    public void CaseD_Cms_NineMinutesTogether_OneUnitOfTheLongest()
    {
        var units = Units(TimedUnitRule.Cms, ("97124", 5, true), ("97140", 4, true));

        Assert.Equal(1, units["97124"]);
        Assert.Equal(0, units["97140"]);
    }

    [Fact]
    public void CaseE_SevenMinutesAlone_NothingBillable()
    {
        Assert.Equal(0, Units(TimedUnitRule.Cms, ("97140", 7, true))["97140"]);
        Assert.Equal(0, Units(TimedUnitRule.Ama, ("97140", 7, true))["97140"]);
    }

    [Fact]
    public void CaseF_UntimedCode_OneUnit_AndItsMinutesAreNotCounted()
    {
        var result = UnitCalculator.Calculate([new("97124", 38, true), new("97010", 10, false)], TimedUnitRule.Cms);

        Assert.Equal(38, result.TotalTimedMinutes);
        Assert.Equal(3, result.Services.Single(s => s.Code == "97124").Units);
        Assert.Equal(1, result.Services.Single(s => s.Code == "97010").Units);
    }

    [Fact]
    public void ManualExample4_Cms_FourServices49Minutes_ThreeUnitsToTheThreeLongest()
    {
        var units = Units(TimedUnitRule.Cms, ("97110", 18, true), ("97140", 13, true), ("97116", 10, true), ("97035", 8, true));

        Assert.Equal(1, units["97110"]);
        Assert.Equal(1, units["97140"]);
        Assert.Equal(1, units["97116"]);
        Assert.Equal(0, units["97035"]);
    }

    [Fact]
    public void ManualExample4_Ama_EveryCodeOverItsMidpointCounts()
    {
        var units = Units(TimedUnitRule.Ama, ("97110", 18, true), ("97140", 13, true), ("97116", 10, true), ("97035", 8, true));

        Assert.Equal(4, units.Values.Sum());
    }

    [Fact]
    public void Cms_NeverCountsAllMinutesTowardsOneCode_WhenAnotherTookMoreThan15()
    {
        var units = Units(TimedUnitRule.Cms, ("97124", 40, true), ("97140", 16, true));

        Assert.Equal(4, units.Values.Sum());
        Assert.Equal(1, units["97140"]);
        Assert.Equal(3, units["97124"]);
    }

    [Fact]
    public void SameCodeTwice_MinutesAddUp()
    {
        var units = Units(TimedUnitRule.Ama, ("97124", 10, true), ("97124", 13, true));

        Assert.Equal(2, units["97124"]);
    }
}
