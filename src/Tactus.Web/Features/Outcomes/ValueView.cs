using System.Globalization;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// How the value report reads: money and effects with their intervals, and the geometry of the cost-effectiveness
/// plane and the acceptability curve (server-rendered SVG). Pure: no web, no database.
/// </summary>
[PureEngine]
public static class ValueView
{
    public const double Width = 360, Height = 240, Margin = 30;

    public static string Money(double value) =>
        (value < 0 ? "−" : "") + "$" + Math.Abs(value).ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Number(double value) =>
        (value < 0 ? "−" : value > 0 ? "+" : "") + Math.Abs(value).ToString("0.0##", CultureInfo.InvariantCulture);

    public static string Between(ProgrammeValue.Interval? interval, Func<double, string> format) =>
        interval is null ? "—" : $"{format(interval.Lower)} to {format(interval.Upper)}";

    public sealed record Point(double X, double Y);

    /// <summary>
    /// The plane: each replicate's ΔE across and ΔC up, scaled symmetrically about the origin so the four quadrants
    /// keep their meaning (north-east costs more and achieves more); the origin is the plot's centre.
    /// </summary>
    public static (IReadOnlyList<Point> Points, Point Origin) Plane(IReadOnlyList<CostEffectiveness.Replicate> replicates)
    {
        var origin = new Point(Width / 2, Height / 2);
        if (replicates.Count == 0)
        {
            return ([], origin);
        }

        var maxEffect = Math.Max(replicates.Max(r => Math.Abs(r.DeltaEffect)), 1e-9);
        var maxCost = Math.Max(replicates.Max(r => Math.Abs(r.DeltaCost)), 1e-9);
        var halfWidth = Width / 2 - Margin;
        var halfHeight = Height / 2 - Margin;
        return (replicates.Select(r => new Point(origin.X + r.DeltaEffect / maxEffect * halfWidth, origin.Y - r.DeltaCost / maxCost * halfHeight)).ToList(), origin);
    }

    /// <summary>The acceptability curve as an SVG polyline: willingness to pay across, probability cost-effective (0 to 1) up.</summary>
    public static string Curve(IReadOnlyList<(double WillingnessToPay, double Probability)> curve)
    {
        if (curve.Count == 0)
        {
            return "";
        }

        var maxLambda = Math.Max(curve.Max(c => c.WillingnessToPay), 1e-9);
        return string.Join(" ", curve.Select(c =>
            $"{OutcomeView.Coordinate(Margin + c.WillingnessToPay / maxLambda * (Width - 2 * Margin))},{OutcomeView.Coordinate(Height - Margin - c.Probability * (Height - 2 * Margin))}"));
    }
}
