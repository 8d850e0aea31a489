using System.Globalization;
using System.Text.RegularExpressions;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Reports;

/// <summary>
/// Whether a goal on an instrument is met, from its target as the therapist wrote it: "≤ 3", "< 4", "≥ 7",
/// "> 6" (a level), or "−10 points" / "-30%" (a reduction from baseline). Pure; anything else is "not measurable".
/// </summary>
[PureEngine]
public static partial class GoalProgress
{
    public const string Met = "met";
    public const string NotMet = "not yet met";
    public const string NoScore = "no score yet";
    public const string NotMeasurable = "target not measurable";

    public static string Evaluate(string? target, decimal? baseline, decimal? latest)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return NotMeasurable;
        }

        if (latest is not { } current)
        {
            return NoScore;
        }

        var text = target.Replace('−', '-').Replace("<=", "≤", StringComparison.Ordinal).Replace(">=", "≥", StringComparison.Ordinal).Trim();
        if (Level().Match(text) is { Success: true } level)
        {
            var value = decimal.Parse(level.Groups["value"].Value, CultureInfo.InvariantCulture);
            var met = level.Groups["op"].Value switch
            {
                "≤" => current <= value,
                "<" => current < value,
                "≥" => current >= value,
                _ => current > value,
            };
            return met ? Met : NotMet;
        }

        if (Reduction().Match(text) is { Success: true } reduction && baseline is { } start)
        {
            var amount = decimal.Parse(reduction.Groups["value"].Value, CultureInfo.InvariantCulture);
            var reduced = start - current;
            var met = reduction.Groups["percent"].Success
                ? start != 0 && reduced / start * 100 >= amount
                : reduced >= amount;
            return met ? Met : NotMet;
        }

        return NotMeasurable;
    }

    [GeneratedRegex(@"^(?<op>[≤<≥>])\s*(?<value>\d+(\.\d+)?)$")]
    private static partial Regex Level();

    [GeneratedRegex(@"^-\s*(?<value>\d+(\.\d+)?)\s*(?<percent>%)?\s*(points?)?$")]
    private static partial Regex Reduction();
}
