using Tactus.Web.Features.Questionnaires.Administer;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Reports;

namespace Tactus.Tests.Features.Reports;

/// <summary>Goal status, the measurement schedule and the chart geometry: pure rules behind the reports.</summary>
public sealed class ReportPureTests
{
    [Theory]
    [InlineData("≤ 3", 7, 3, GoalProgress.Met)]
    [InlineData("<= 3", 7, 4, GoalProgress.NotMet)]
    [InlineData("< 4", 7, 3.5, GoalProgress.Met)]
    [InlineData("≥ 7", 3, 7, GoalProgress.Met)]
    [InlineData("−2 points", 7, 5, GoalProgress.Met)]
    [InlineData("-2", 7, 5.5, GoalProgress.NotMet)]
    [InlineData("-30%", 10, 7, GoalProgress.Met)]
    [InlineData("-30%", 10, 7.5, GoalProgress.NotMet)]
    [InlineData("feel better", 7, 3, GoalProgress.NotMeasurable)]
    public void Goal_IsJudgedFromItsWrittenTarget(string target, double baseline, double latest, string expected)
    {
        Assert.Equal(expected, GoalProgress.Evaluate(target, (decimal)baseline, (decimal)latest));
    }

    [Fact]
    public void Goal_WithoutAScoreYet_SaysSo()
    {
        Assert.Equal(GoalProgress.NoScore, GoalProgress.Evaluate("≤ 3", null, null));
    }

    private static readonly MeasureSchedule[] Schedule =
    [
        new() { Instrument = "NPRS", AtBaseline = true, EveryVisits = 1, AtDischarge = true },
        new() { Instrument = "PHQ-9", AtBaseline = true, EveryVisits = 4, AtDischarge = true },
        new() { Instrument = "PSFS", AtBaseline = false, EveryVisits = 0, AtDischarge = true },
    ];

    private static string Due(int visit, int planned, string[] given, string[]? thisVisit = null) =>
        string.Join(",", MeasureSchedulePlanner.DueAt(Schedule, visit, planned, given.ToHashSet(), (thisVisit ?? []).ToHashSet()).Select(d => $"{d.Instrument}:{d.Why}"));

    [Fact]
    public void Schedule_BaselineAtTheFirstVisit_PeriodicAfter_DischargeAtTheLastPlannedVisit()
    {
        Assert.Equal("NPRS:baseline,PHQ-9:baseline", Due(1, 8, []));
        Assert.Equal("NPRS:every 1 visits", Due(2, 8, ["NPRS", "PHQ-9"]));
        Assert.Equal("NPRS:every 1 visits,PHQ-9:every 4 visits", Due(4, 8, ["NPRS", "PHQ-9"]));
        Assert.Equal("NPRS:discharge,PHQ-9:discharge,PSFS:discharge", Due(8, 8, ["NPRS", "PHQ-9"]));
    }

    [Fact]
    public void Schedule_AMissedBaselineStaysDue_AndWhatWasGivenThisVisitIsNotAskedTwice()
    {
        Assert.Equal("NPRS:every 1 visits,PHQ-9:baseline", Due(3, 8, ["NPRS"]));
        Assert.Equal("PHQ-9:baseline", Due(3, 8, ["NPRS"], ["NPRS"]));
    }

    [Fact]
    public void ProgressReport_IsDueAfterTheVisitsOrTheDays()
    {
        var plan = new PlanOfCare { ReportEveryVisits = 4, ReportEveryDays = 30 };
        var start = new DateOnly(2026, 10, 1);

        Assert.False(MeasureSchedulePlanner.ProgressReportDue(plan, 3, start, start.AddDays(20)));
        Assert.True(MeasureSchedulePlanner.ProgressReportDue(plan, 4, start, start.AddDays(20)));
        Assert.True(MeasureSchedulePlanner.ProgressReportDue(plan, 1, start, start.AddDays(30)));
        Assert.False(MeasureSchedulePlanner.ProgressReportDue(plan, 0, start, start.AddDays(60)));
    }

    [Fact]
    public void Chart_UsesTheInstrumentsWholeRange_SoAChangeIsNotExaggerated()
    {
        var at = new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
        var chart = TrendChart.Build("NPRS", 0, 10, [(at, 7m), (at.AddDays(7), 6m), (at.AddDays(14), 4m)]);

        var plotHeight = TrendChart.Height - TrendChart.Top - TrendChart.Bottom;
        Assert.Equal(TrendChart.Top + plotHeight * 0.3, chart.Marks[0].Y, 6);
        Assert.Equal(TrendChart.Top + plotHeight * 0.6, chart.Marks[2].Y, 6);
        Assert.Equal(TrendChart.Left, chart.Marks[0].X);
        Assert.Equal(TrendChart.Width - TrendChart.Right, chart.Marks[2].X);
        Assert.Equal(["0", "5", "10"], chart.YTicks.Select(t => t.Label));
        Assert.Contains("from 7 on 2026-11-01 to 4 on 2026-11-15", chart.Describe, StringComparison.Ordinal);
    }
}
