using System.Globalization;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Questionnaires.Administer;

/// <summary>
/// The geometry of an instrument's score-over-time chart, computed once so the patient page (SVG) and the
/// report PDF draw exactly the same chart: scores on the instrument's full range (never a zoomed axis
/// that exaggerates change), visits evenly spaced in time order, baseline marked.
/// </summary>
[PureEngine]
public sealed record TrendChart(string Instrument, decimal Min, decimal Max, IReadOnlyList<TrendChart.Mark> Marks, IReadOnlyList<TrendChart.Tick> YTicks)
{
    public const double Width = 320;
    public const double Height = 140;
    public const double Left = 36;
    public const double Right = 12;
    public const double Top = 10;
    public const double Bottom = 26;

    public sealed record Mark(double X, double Y, decimal Score, DateOnly Date);

    public sealed record Tick(double Y, string Label);

    public static TrendChart Build(string instrument, decimal min, decimal max, IEnumerable<(DateTimeOffset At, decimal Score)> points)
    {
        var ordered = points.OrderBy(p => p.At).ToList();
        var span = max - min == 0 ? 1 : max - min;
        double PlotY(decimal score) => Top + (double)((max - Math.Clamp(score, min, max)) / span) * (Height - Top - Bottom);
        var plotWidth = Width - Left - Right;
        var marks = ordered.Select((p, i) => new Mark(
            Left + (ordered.Count == 1 ? plotWidth / 2 : plotWidth * i / (ordered.Count - 1)),
            PlotY(p.Score), p.Score, DateOnly.FromDateTime(p.At.UtcDateTime))).ToList();
        var ticks = new[] { min, min + span / 2, max }.Distinct()
            .Select(v => new Tick(PlotY(v), v.ToString("0.#", CultureInfo.InvariantCulture))).ToList();
        return new TrendChart(instrument, min, max, marks, ticks);
    }

    public string Polyline => string.Join(" ", Marks.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.X:0.#},{m.Y:0.#}")));

    public string Describe => Marks.Count == 0
        ? $"{Instrument}: no scores yet."
        : $"{Instrument} scores over time, from {Marks[0].Score.ToString("0.##", CultureInfo.InvariantCulture)} on {Marks[0].Date:yyyy-MM-dd} to {Marks[^1].Score.ToString("0.##", CultureInfo.InvariantCulture)} on {Marks[^1].Date:yyyy-MM-dd}, on a scale of {Min.ToString("0.#", CultureInfo.InvariantCulture)} to {Max.ToString("0.#", CultureInfo.InvariantCulture)}.";
}
