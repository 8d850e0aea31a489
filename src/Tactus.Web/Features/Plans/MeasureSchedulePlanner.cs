using Tactus.Web.Web;

namespace Tactus.Web.Features.Plans;

/// <summary>
/// Which questionnaires are due at a visit, from the plan's schedule. Pure: the visit number (1 for the
/// first visit under the plan), the planned number of visits, and which instruments were already given
/// under this plan and at this visit.
/// </summary>
[PureEngine]
public static class MeasureSchedulePlanner
{
    public sealed record Due(string Instrument, string Why);

    public static IReadOnlyList<Due> DueAt(IEnumerable<MeasureSchedule> schedule, int visitNumber, int plannedVisits,
        IReadOnlySet<string> givenUnderPlan, IReadOnlySet<string> givenThisVisit)
    {
        var due = new List<Due>();
        foreach (var measure in schedule)
        {
            if (givenThisVisit.Contains(measure.Instrument))
            {
                continue;
            }

            if (measure.AtBaseline && !givenUnderPlan.Contains(measure.Instrument))
            {
                due.Add(new Due(measure.Instrument, "baseline"));
            }
            else if (measure.AtDischarge && plannedVisits > 0 && visitNumber >= plannedVisits)
            {
                due.Add(new Due(measure.Instrument, "discharge"));
            }
            else if (measure.EveryVisits > 0 && visitNumber > 1 && visitNumber % measure.EveryVisits == 0)
            {
                due.Add(new Due(measure.Instrument, $"every {measure.EveryVisits} visits"));
            }
        }

        return due;
    }

    /// <summary>A progress report is due after N signed visits or D days since the last report (or the plan's start).</summary>
    public static bool ProgressReportDue(PlanOfCare plan, int signedVisitsSinceLastReport, DateOnly lastReportOrStart, DateOnly today) =>
        (plan.ReportEveryVisits > 0 && signedVisitsSinceLastReport >= plan.ReportEveryVisits)
        || (plan.ReportEveryDays > 0 && signedVisitsSinceLastReport > 0 && today.DayNumber - lastReportOrStart.DayNumber >= plan.ReportEveryDays);
}
