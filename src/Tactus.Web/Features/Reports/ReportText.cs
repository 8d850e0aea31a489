using System.Globalization;

namespace Tactus.Web.Features.Reports;

/// <summary>How a report's numbers read, shared by the page and the PDF so both say exactly the same thing.</summary>
public static class ReportText
{
    public static string Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    public static string Signed(decimal? value) => value is { } v ? (v > 0 ? "+" : "") + Number(v) : "—";

    public static IReadOnlyList<string> OutcomeHeaders { get; } = ["Instrument", "Baseline", "Latest", "Band", "Change", "MCID"];

    public static IReadOnlyList<string> OutcomeCells(ReportContent.Outcome o) =>
        [$"{o.Instrument} ({o.Name})", Number(o.Baseline), Number(o.Latest), o.Band ?? "—", Signed(o.Change), o.McidText ?? "—"];

    /// <summary>Which published cut-points each band comes from (sources differ; the organisation chose these).</summary>
    public static IReadOnlyList<string> BandNotes(ReportContent c) =>
        c.Outcomes.Where(o => o.Band is not null && o.BandConvention is not null)
            .Select(o => $"{o.Instrument} bands: {o.BandConvention}{(o.BandSource is { } source && source != o.BandConvention ? $" ({source})" : "")}.").ToList();

    public static IReadOnlyList<string> GoalHeaders { get; } = ["Goal", "Measured with", "Target", "Latest", "Status"];

    public static IReadOnlyList<string> GoalCells(ReportContent.Goal g) =>
        [g.Description + (g.TargetDate is { } by ? $" (by {by:yyyy-MM-dd})" : ""), g.Instrument ?? "in words", g.Target ?? "—", Number(g.Latest), g.Status];

    public static string Sessions(ReportContent c) =>
        $"{c.SessionsGiven} of {c.SessionsPlanned} planned visits, {c.PeriodFrom:yyyy-MM-dd} to {c.PeriodTo:yyyy-MM-dd}{(c.Dose is { } dose ? $" (plan: {dose})" : "")}.";

    public static Questionnaires.Administer.TrendChart Chart(ReportContent.Outcome o) =>
        Questionnaires.Administer.TrendChart.Build(o.Instrument, o.RangeMin, o.RangeMax, o.Points.Select(p => (p.At, p.Score)));
}
