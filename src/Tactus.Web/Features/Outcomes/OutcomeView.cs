using System.Globalization;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// How the outcome figures read on the page, in the CSV and in the report: every estimate with its n and its interval,
/// small cells suppressed for a researcher, and the improvement chart's geometry (server-rendered SVG, like the trend
/// chart). Pure: no web, no database.
/// </summary>
[PureEngine]
public static class OutcomeView
{
    public static string Count(int n, bool suppress) =>
        suppress && OutcomeStatistics.IsSuppressed(n) ? $"<{OutcomeStatistics.SmallCellThreshold}" : n.ToString(CultureInfo.InvariantCulture);

    /// <summary>"−1.8 (95 % CI −2.4 to −1.2)", or the mean alone when there is no interval.</summary>
    public static string MeanChange(OutcomeStatistics.MeanChange change) =>
        change.N == 0 ? "—"
        : change.Lower is { } lower && change.Upper is { } upper ? $"{Signed(change.Mean)} (95 % CI {Signed(lower)} to {Signed(upper)})"
        : $"{Signed(change.Mean)} (one patient: no interval)";

    public static string Proportion(OutcomeStatistics.Proportion? proportion) =>
        proportion is null ? "—" : $"{proportion.Count} of {proportion.N}, {Percent(proportion.Rate)} (95 % CI {Percent(proportion.Lower)}–{Percent(proportion.Upper)})";

    public static string Rate(OutcomeStatistics.Rate? rate) =>
        rate is null ? "—" : $"{rate.PerHundred:0.0} (95 % CI {rate.Lower:0.0}–{rate.Upper:0.0})";

    /// <summary>The period a report covers, in words: "from 2026-01-01 to 2026-06-30", "at any time".</summary>
    public static string Period(DateOnly? from, DateOnly? to) => (from, to) switch
    {
        (null, null) => "at any time",
        ({ } start, null) => $"from {start:yyyy-MM-dd}",
        (null, { } end) => $"up to {end:yyyy-MM-dd}",
        ({ } start, { } end) => $"from {start:yyyy-MM-dd} to {end:yyyy-MM-dd}",
    };

    public static string Effect(double? effectSize) => effectSize is { } value ? value.ToString("0.00", CultureInfo.InvariantCulture) : "—";

    public static string Signed(double value) => (value < 0 ? "−" : value > 0 ? "+" : "") + Math.Abs(value).ToString("0.0#", CultureInfo.InvariantCulture);

    private static string Percent(double share) => (100 * share).ToString("0", CultureInfo.InvariantCulture) + " %";

    /// <summary>One bar of the improvement chart: the mean improvement and its interval as a share of the instrument's range, right is better.</summary>
    public sealed record Bar(string Label, double X, double Lower, double Upper, double Zero, double Y);

    /// <summary>An SVG coordinate, invariant whatever the culture.</summary>
    public static string Coordinate(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    public const double ChartWidth = 480, RowHeight = 28, LabelWidth = 110;

    /// <summary>
    /// Improvement (the change in the instrument's better direction) as a percentage of its score range, −50 % to +50 %,
    /// so instruments on different scales sit on one axis. Only groups with an interval are drawn.
    /// </summary>
    public static IReadOnlyList<Bar> Chart(IEnumerable<(InstrumentDefinition Instrument, OutcomeStatistics.MeanChange Change)> rows)
    {
        var bars = new List<Bar>();
        var plot = ChartWidth - LabelWidth - 10;
        double Scale(double share) => LabelWidth + plot * (Math.Clamp(share, -0.5, 0.5) + 0.5);
        foreach (var (instrument, change) in rows)
        {
            if (change.Lower is not { } lower || change.Upper is not { } upper)
            {
                continue;
            }

            var range = (double)(instrument.Range.Max - instrument.Range.Min);
            var sign = instrument.HigherIsBetter ? 1 : -1;
            var (low, high) = sign > 0 ? (lower, upper) : (-upper, -lower);
            bars.Add(new Bar(instrument.Code, Scale(sign * change.Mean / range), Scale(low / range), Scale(high / range), Scale(0),
                RowHeight * (bars.Count + 0.5)));
        }

        return bars;
    }
}
