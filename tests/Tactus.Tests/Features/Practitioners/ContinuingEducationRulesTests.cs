using Tactus.Web.Features.Practitioners;
using static Tactus.Web.Features.Practitioners.ContinuingEducationRules;

namespace Tactus.Tests.Features.Practitioners;

/// <summary>
/// Oregon's continuing-education rule for licensed massage therapists, as the reviewed file carries it: 25 hours per
/// two-year renewal period, of which at least 4 in professional ethics, boundaries or communication, at least 1 in
/// cultural competency, and 1 in pain management at least once (OAR 334-010-0050(1)(a)-(d), checked against the rule
/// text at Cornell LII; the two-year period per ORS 687.051 and the Board's renewal).
/// </summary>
public sealed class ContinuingEducationRulesTests
{
    private static readonly ContinuingEducationRules Rules = new();
    private static readonly DateOnly Expires = new(2027, 6, 30);
    private static Requirement Oregon => Rules.For("OR", Disciplines.MassageTherapist)!;

    [Fact]
    public void OregonsRule_IsTheBoardsFigures()
    {
        Assert.Equal((2, 25.0), (Oregon.CycleYears, Oregon.Hours));
        Assert.Equal([("ethics", 4.0), ("cultural-competency", 1.0), ("pain-management", 1.0)], Oregon.Minimums.Select(m => (m.Topic, m.Hours)));
        Assert.StartsWith("OAR 334-010-0050", Oregon.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void TwentyFiveHoursWithTheRequiredTopics_MeetTheCycle()
    {
        var progress = Evaluate(Oregon, Expires, [Entry(2026, 1, 19, "techniques"), Entry(2026, 2, 4, "ethics"), Entry(2026, 3, 1, "cultural-competency"), Entry(2026, 4, 1, "pain-management")]);

        Assert.False(progress.IsShort);
        Assert.Equal(25, progress.Hours);
        Assert.Equal((new DateOnly(2025, 7, 1), Expires), (progress.CycleStarts, progress.CycleEnds));
    }

    [Fact]
    public void TwentyFiveHoursOfTechniqueAlone_AreShortOfEachRequiredTopic()
    {
        var progress = Evaluate(Oregon, Expires, [Entry(2026, 1, 25, "techniques", 25)]);

        Assert.Equal(25, progress.Hours);
        Assert.Equal([4.0, 1.0, 1.0], progress.Short.Select(s => s.Hours));
        Assert.DoesNotContain(progress.Short, s => s.What == "hours in all");
    }

    [Fact]
    public void HoursBeforeTheCycle_DoNotCount_ButThePainModuleCountsOnceInAnyCycle()
    {
        var progress = Evaluate(Oregon, Expires,
            [Entry(2025, 6, 30, "techniques", 10), Entry(2024, 5, 1, "pain-management", 1), Entry(2025, 9, 1, "techniques", 19.75), Entry(2025, 9, 2, "ethics", 4), Entry(2025, 9, 3, "cultural-competency", 1)]);

        Assert.Equal(24.75, progress.Hours);
        Assert.Equal([("hours in all", 0.25)], progress.Short.Select(s => (s.What, s.Hours)));
    }

    [Fact]
    public void AStateOrDisciplineWithoutAReviewedRule_HasNone()
    {
        Assert.Null(Rules.For("CA", Disciplines.MassageTherapist));
        Assert.Null(Rules.For("OR", Disciplines.Physician));
    }

    private static Entry Entry(int year, int month, int day, string topic) => new(new DateOnly(year, month, day), topic switch
    {
        "techniques" => 19,
        "ethics" => 4,
        _ => 1,
    }, topic);

    private static Entry Entry(int year, int month, int day, string topic, double hours) => new(new DateOnly(year, month, day), hours, topic);
}
