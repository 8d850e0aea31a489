using System.Net;
using Tactus.Web.Features.Outcomes;

namespace Tactus.Tests.Features.Outcomes;

/// <summary>
/// QALYs as the value report's effect (issue 14 §3: "QALYs only where a utility instrument the organisation licensed is
/// used"): the programme's EQ-5D-5L utilities are the §6.3(b) example's (treated 0.60, 0.70, 0.72; usual care 0.60, 0.64,
/// 0.66), here on the referral's day, 28 and 84 days on. The page's ΔE, ratio and net benefit must equal the area under
/// each curve worked out by hand (clinical.md §6.2: Σ Δt × (u + u′)/2, years of 365.25 days).
/// </summary>
public abstract partial class ProgrammeValueTests
{
    private const string QalyQuery = "/Outcomes/Value?Condition=chronic-low-back-pain&Instrument=EQ-5D-5L&Against=NotStarted&Measure=Qalys&WillingnessToPay=20000";

    [Fact]
    public async Task QalysFromTheUtilityInstrument_EqualTheAreaUnderEachCurveByHand()
    {
        var manager = await ManagerWithCostsAsync();

        var twelveWeeks = await manager.GetStringAsync(QalyQuery + "&HorizonWeeks=12");
        var sixteenWeeks = await manager.GetStringAsync(QalyQuery + "&HorizonWeeks=16");
        var eightWeeks = await manager.GetStringAsync(QalyQuery + "&HorizonWeeks=8");

        // 12 weeks = 84 days, the last assessment: treated 28 × (0.60 + 0.70)/2 + 56 × (0.70 + 0.72)/2 day-utilities,
        // usual care 28 × (0.60 + 0.64)/2 + 56 × (0.64 + 0.66)/2; both start at 0.60, so no baseline adjustment moves it.
        const double year = 365.25;
        var treated12 = (28 * (0.60 + 0.70) / 2 + 56 * (0.70 + 0.72) / 2) / year;
        var control12 = (28 * (0.60 + 0.64) / 2 + 56 * (0.64 + 0.66) / 2) / year;
        var deltaEffect = treated12 - control12; // 4.2 / 365.25 = 0.0115
        var deltaCost = Programme.Where(p => p.Treated).Average(CostOf) - Programme.Where(p => !p.Treated).Average(CostOf);
        Assert.StartsWith(ValueView.Effect(deltaEffect, ProgrammeValue.Effect.Qalys) + " (95 % interval", Text(twelveWeeks, "delta-effect"), StringComparison.Ordinal);
        Assert.Equal("+0.0115", ValueView.Effect(deltaEffect, ProgrammeValue.Effect.Qalys));
        Assert.StartsWith(ValueView.Money(deltaCost) + " (95 % interval", Text(twelveWeeks, "delta-cost"), StringComparison.Ordinal);
        Assert.Equal(CostEffectiveness.IncrementalRatio(deltaCost, deltaEffect).Describe("$", "QALY"), Text(twelveWeeks, "icer"));
        Assert.StartsWith(ValueView.Money(20000 * deltaEffect - deltaCost) + " per patient", Text(twelveWeeks, "nmb"), StringComparison.Ordinal);
        Assert.Contains("QALYs per patient (unadjusted)", twelveWeeks, StringComparison.Ordinal);
        Assert.Contains("adjusted for baseline utility", twelveWeeks, StringComparison.Ordinal);

        // 16 weeks: followed for 12, so each curve is carried at its last utility for 28 more days (0.72 against 0.66).
        var carried = deltaEffect + 28 * (0.72 - 0.66) / year;
        Assert.StartsWith(ValueView.Effect(carried, ProgrammeValue.Effect.Qalys) + " (95 % interval", Text(sixteenWeeks, "delta-effect"), StringComparison.Ordinal);

        // 8 weeks = 56 days: cut between day 28 and day 84, at the utility interpolated there (0.71 against 0.65).
        var cut = (28 * (0.60 + 0.70) / 2 + 28 * (0.70 + 0.71) / 2 - 28 * (0.60 + 0.64) / 2 - 28 * (0.64 + 0.65) / 2) / year;
        Assert.StartsWith(ValueView.Effect(cut, ProgrammeValue.Effect.Qalys) + " (95 % interval", Text(eightWeeks, "delta-effect"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Qalys_AreRefusedWithoutAUtilityInstrument_OrAgainstTheWaitList()
    {
        var manager = await ManagerWithCostsAsync();

        var fromPain = await manager.GetAsync(QalyQuery.Replace("EQ-5D-5L", "NPRS", StringComparison.Ordinal));
        var againstWaiting = await manager.GetAsync(QalyQuery.Replace("NotStarted", "WaitList", StringComparison.Ordinal));
        var badHorizon = await manager.GetAsync(QalyQuery + "&HorizonWeeks=1");

        Assert.Equal(HttpStatusCode.BadRequest, fromPain.StatusCode);
        Assert.Contains("QALYs need a utility instrument", WebUtility.HtmlDecode(await fromPain.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, againstWaiting.StatusCode);
        Assert.Contains("compare with usual care", WebUtility.HtmlDecode(await againstWaiting.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badHorizon.StatusCode);
    }
}
