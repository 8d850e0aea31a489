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

    /// <summary>An effect as its unit reads: QALY differences are hundredths or less, so they keep four decimals.</summary>
    public static string Effect(double value, ProgrammeValue.Effect measure) => measure == ProgrammeValue.Effect.Qalys
        ? (value < 0 ? "−" : value > 0 ? "+" : "") + Math.Abs(value).ToString("0.0000", CultureInfo.InvariantCulture)
        : Number(value);

    public static string Between(ProgrammeValue.Interval? interval, Func<double, string> format) =>
        interval is null ? "—" : $"{format(interval.Lower)} to {format(interval.Upper)}";

    public static string EffectUnit(ProgrammeValue.Effect measure) => measure switch
    {
        ProgrammeValue.Effect.Points => "point improved",
        ProgrammeValue.Effect.Qalys => "QALY",
        _ => "responder",
    };

    public static string ComparisonLabel(ProgrammeValue.Comparison against) => against == ProgrammeValue.Comparison.NotStarted
        ? "usual care: referred patients who never started" : "wait-list: the treated patients while they waited";

    /// <summary>The method and its limits, worded once for the page and the PDF.</summary>
    public static IReadOnlyList<string> Method(ProgrammeValue.Result r)
    {
        var costs = r.Costs;
        return
        [
            $"Treated: referred for {r.Protocol.Condition.ToLowerInvariant()}, at least one visit, and a first and a later score on or after the referral. Comparison: "
                + (r.Request.Against == ProgrammeValue.Comparison.NotStarted
                    ? "referred in the same way but never started, with a first and a later score on or after the referral."
                    : "the treated patients' scores between the referral and their first visit; the wait is shorter than treatment, so costs are not over equal periods."),
            "Cost of an episode: each signed visit at " + (costs.CostPerVisit is { } perVisit ? $"the actual cost of {Money((double)perVisit)}" : "its fee-schedule charge")
                + $", plus {costs.StaffMinutesPerVisit} staff minutes at {Money((double)costs.StaffCostPerHour)} an hour, with {costs.OverheadPercent.ToString("0.##", CultureInfo.InvariantCulture)} % overhead; "
                + $"plus imaging, injections, surgery, emergency and specialist visits and physiotherapy from the referral's day through the {costs.UtilisationWindowDays} days after it "
                + "(actual cost, else the price list); the wait-list counts them up to the first visit.",
            "Differences are treated minus comparison; the ratio names dominance instead of giving a negative ratio, which would be ambiguous. "
                + $"Intervals are percentiles of {r.Request.Replicates:N0} bootstrap resamples of patients within each group (seed {r.Request.Seed}).",
            "Patients without a later score are left out (missing follow-up is not imputed); the outcome report shows how many.",
            "The comparison is not randomised: the groups may differ in ways the figures cannot see, so a difference is an association, not proof that the programme caused it.",
            "Published trial-based evaluations found massage not cost-effective against exercise or advice for back and neck pain (ATEAM, BMJ 2008; STONE, 2020): this report measures this programme, it does not repeat them.",
            r.Request.Measure == ProgrammeValue.Effect.Qalys
                ? $"QALYs: each patient's utilities ({r.Instrument.Code}, valued by the organisation's value set when scored) as the area under the curve from the first "
                    + $"assessment over {r.Request.HorizonWeeks} weeks, joined by straight lines; a patient followed for less is carried at the last utility to the end "
                    + "(an assumption that favours neither group by design but is not known to hold). The difference in QALYs is adjusted for baseline utility by "
                    + "regression (QALYs on group and baseline utility), as baseline imbalance biases it; each bootstrap resample is adjusted the same way. "
                    + "The arms' QALYs per patient in the table are unadjusted."
                : "QALYs need a utility instrument with the organisation's value set (EQ-5D-5L is a slot: its wording and value set are licensed and not bundled); "
                    + "this report's effect is points improved or responders.",
        ];
    }

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
