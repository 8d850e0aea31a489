using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Scheduling;

/// <summary>The calendar's arithmetic: granules, working hours in the organisation's zone (across a clock change), series placement.</summary>
public sealed class SlotRulesTests
{
    private static readonly TimeZoneInfo LosAngeles = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");

    private static List<WorkingHours> WeekdaysNineToFive() =>
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new WorkingHours { Day = d, Starts = new TimeOnly(9, 0), Ends = new TimeOnly(17, 0) })];

    [Fact]
    public void Granules_CoverTheVisitAndItsBuffer_AndTouchingVisitsShareNone()
    {
        var nine = new DateTimeOffset(2027, 3, 1, 17, 0, 0, TimeSpan.Zero);
        var first = SlotRules.Granules(nine, nine.AddMinutes(70)).ToList();
        var next = SlotRules.Granules(nine.AddMinutes(70), nine.AddMinutes(140)).ToList();
        var overlapping = SlotRules.Granules(nine.AddMinutes(65), nine.AddMinutes(90)).ToList();

        Assert.Equal(14, first.Count);
        Assert.Empty(first.Intersect(next));
        Assert.NotEmpty(first.Intersect(overlapping));
        Assert.True(SlotRules.IsOnGranule(nine.AddMinutes(55)));
        Assert.False(SlotRules.IsOnGranule(nine.AddMinutes(3)));
    }

    /// <summary>9:00 local is 17:00 UTC in winter and 16:00 UTC after the clocks go forward (14 March 2027 in the US).</summary>
    [Fact]
    public void WorkingHours_AreLocal_AcrossTheClockChange()
    {
        var hours = WeekdaysNineToFive();
        var winter = new DateTimeOffset(2027, 3, 12, 17, 0, 0, TimeSpan.Zero); // Friday 9:00 PST
        var summer = new DateTimeOffset(2027, 3, 15, 16, 0, 0, TimeSpan.Zero); // Monday 9:00 PDT

        Assert.True(SlotRules.WithinHours(hours, LosAngeles, winter, winter.AddHours(1)));
        Assert.True(SlotRules.WithinHours(hours, LosAngeles, summer, summer.AddHours(1)));
        Assert.False(SlotRules.WithinHours(hours, LosAngeles, summer.AddHours(-1), summer)); // 8:00 PDT
        Assert.False(SlotRules.WithinHours(hours, LosAngeles, winter.AddHours(7.5), winter.AddHours(8.5))); // runs past 17:00
        Assert.Equal(summer, SlotRules.At(new DateOnly(2027, 3, 15), new TimeOnly(9, 0), LosAngeles));
    }

    [Theory]
    [InlineData(1, new[] { 0 })]
    [InlineData(2, new[] { 0, 3 })]
    [InlineData(3, new[] { 0, 2, 4 })]
    public void AWeeksVisits_AreSpreadOut(int perWeek, int[] offsets) => Assert.Equal(offsets, SlotRules.WeekOffsets(perWeek));

    /// <summary>Twice a week for three weeks from a Monday: Mondays and Thursdays; a closure on the second Thursday moves that visit to Friday.</summary>
    [Fact]
    public void ASeries_FollowsThePlansFrequency_AndMovesAroundAClosure()
    {
        var monday = SlotRules.At(new DateOnly(2027, 4, 5), new TimeOnly(10, 0), LosAngeles);
        var closedThursday = SlotRules.At(new DateOnly(2027, 4, 15), TimeOnly.MinValue, LosAngeles);
        var busy = new List<BusySpan> { new(closedThursday, closedThursday.AddDays(1), "the clinic is closed") };

        var (placed, skipped) = SlotRules.Series(monday, 60, 10, 2, 3, 6, LosAngeles, WeekdaysNineToFive(), busy);
        var days = placed.Select(p => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(p, LosAngeles).DateTime)).ToList();

        Assert.Empty(skipped);
        Assert.Equal(
            [new DateOnly(2027, 4, 5), new DateOnly(2027, 4, 8), new DateOnly(2027, 4, 12), new DateOnly(2027, 4, 16), new DateOnly(2027, 4, 19), new DateOnly(2027, 4, 22)],
            days);
        Assert.All(placed, p => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(p, LosAngeles).DateTime)));
    }

    [Fact]
    public void ASeriesVisitWithNoDayThatFits_IsSkippedWithItsReason()
    {
        var friday = SlotRules.At(new DateOnly(2027, 4, 9), new TimeOnly(10, 0), LosAngeles);

        // Once a week from a Friday: the Friday fits; the next Friday is on leave and the weekend after it is outside the hours.
        var leave = new BusySpan(friday.AddDays(7).AddHours(-2), friday.AddDays(7).AddHours(8), "the therapist is away (leave)");
        var (placed, skipped) = SlotRules.Series(friday, 60, 10, 1, 2, 2, LosAngeles, WeekdaysNineToFive(), [leave]);

        Assert.Single(placed);
        Assert.Equal(new SkippedVisit(new DateOnly(2027, 4, 16), "the therapist is away (leave)"), Assert.Single(skipped));
    }
}
