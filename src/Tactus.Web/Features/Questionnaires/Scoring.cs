using Tactus.Web.Web;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>
/// Scores answers against an instrument definition, pure and exact: values must be ones the item
/// offers, reverse items are mirrored, missing items follow the definition's rule (default: none may be
/// missing, reference/clinical.md §1.1), the total is a sum, mean, percentage, conversion-table lookup or
/// sum of subscales as the definition says, bands are looked up on the total, and safety rules are checked
/// on the raw answers before and regardless of the total.
/// </summary>
[PureEngine]
public static class Scoring
{
    public static ScoreResult Score(InstrumentDefinition definition, IReadOnlyDictionary<string, int?> answers)
    {
        var unknownItems = answers.Keys.Where(k => definition.Items.All(i => i.Id != k)).ToList();
        if (unknownItems.Count > 0)
        {
            return Refused(definition, $"{definition.Code} has no item {string.Join(", ", unknownItems)}.", answers);
        }

        foreach (var item in definition.Items)
        {
            if (answers.GetValueOrDefault(item.Id) is { } value && item.Options.All(o => o.Value != value))
            {
                var contiguous = item.Options.Count == item.MaxValue - item.MinValue + 1;
                var accepted = contiguous && item.Options.Count > 10
                    ? $"{item.MinValue} to {item.MaxValue}"
                    : string.Join(", ", item.Options.Select(o => o.Value));
                return Refused(definition, $"{value} is not an answer to {definition.Code} {item.Id}; it takes {accepted}.", answers);
            }
        }

        var scored = definition.Items
            .Where(i => answers.GetValueOrDefault(i.Id) is not null)
            .ToDictionary(i => i.Id, i => (decimal)i.Scored(answers[i.Id]!.Value));
        var missing = definition.Items.Count - scored.Count;
        var flags = SafetyFlags(definition, answers);
        var subscales = SubscaleScores(definition, scored);
        var criteria = CriterionResults(definition, answers);
        if (missing > definition.Scoring.MaxMissing)
        {
            var reason = definition.Scoring.MaxMissing == 0
                ? $"{definition.Code} is scored only when every item is answered; {missing} of {definition.Items.Count} are missing."
                : $"{definition.Code} allows at most {definition.Scoring.MaxMissing} missing items; {missing} are missing.";
            // A response too incomplete to score gives no criterion result either (a PCL-5 "provisional diagnosis" from half the items is no result).
            return new ScoreResult(definition.Code, null, null, null, scored.Count, missing, flags, reason, subscales, []);
        }

        if (definition.Scoring.Method == "utility" && definition.Scoring.ValueSet is null)
        {
            return new ScoreResult(definition.Code, null, null, null, scored.Count, missing, flags,
                $"{definition.Code} gives a utility only with the value set your organisation may use; none has been supplied.", subscales, criteria);
        }

        var (raw, total) = Total(definition, scored, subscales);
        if (total is null)
        {
            return new ScoreResult(definition.Code, null, null, null, scored.Count, missing, flags,
                $"{definition.Code} has no conversion for a raw score of {raw}.", subscales, [], raw);
        }

        var band = definition.Bands.FirstOrDefault(b => total >= b.Min && total <= b.Max)?.Label;
        bool? positive = definition.PositiveScreen is { } screen ? total >= screen.AtLeast : null;
        return new ScoreResult(definition.Code, total, band, positive, scored.Count, missing, flags, null, subscales, criteria,
            definition.Scoring.Conversion is null ? null : raw);
    }

    /// <summary>Change from baseline and whether it reaches the MCID (points, or percent of baseline where defined).</summary>
    public static (decimal Change, bool? ReachedMcid) Change(InstrumentDefinition definition, decimal baseline, decimal current)
    {
        var change = current - baseline;
        if (definition.Mcid is not { } mcid)
        {
            return (change, null);
        }

        var byPoints = mcid.Points is { } points && Math.Abs(change) >= points;
        var byPercent = mcid.Percent is { } percent && baseline != 0 && Math.Abs(change) / Math.Abs(baseline) * 100 >= percent;
        return (change, byPoints || byPercent);
    }

    /// <summary>Whether a change is an improvement: down for symptom scales, up where higher is better (PSFS).</summary>
    public static bool Improved(InstrumentDefinition definition, decimal change) =>
        definition.HigherIsBetter ? change > 0 : change < 0;

    private static (decimal Raw, decimal? Total) Total(InstrumentDefinition definition, Dictionary<string, decimal> scored, IReadOnlyList<SubscaleScore> subscales)
    {
        var rule = definition.Scoring;
        var count = definition.Items.Count;
        switch (rule.Method)
        {
            case "sum":
                var raw = scored.Count == count
                    ? scored.Values.Sum()
                    : Prorated(scored.Values.Average() * count, rule);
                if (rule.Conversion is null)
                {
                    return (raw, raw);
                }

                return (raw, rule.Conversion.TryGetValue(raw.ToString(System.Globalization.CultureInfo.InvariantCulture), out var converted) ? converted : null);
            case "mean":
                var mean = Math.Round(scored.Values.Average(), rule.Decimals, MidpointRounding.AwayFromZero);
                return (mean, mean);
            case "percent":
                var answeredItems = definition.Items.Where(i => scored.ContainsKey(i.Id)).ToList();
                var span = answeredItems.Sum(i => i.MaxValue - i.MinValue);
                var percent = Math.Round((scored.Values.Sum() - answeredItems.Sum(i => i.MinValue)) / span * 100, rule.Decimals, MidpointRounding.AwayFromZero);
                return (scored.Values.Sum(), percent);
            case "subscales":
                var sum = subscales.Sum(s => s.Score ?? 0);
                var rounded = Math.Round(sum, rule.Decimals, MidpointRounding.AwayFromZero);
                return (rounded, rounded);
            case "utility":
                return (scored.Values.Sum(), Utility(definition, scored, rule.ValueSet!));
            default:
                throw new InvalidOperationException($"Unknown scoring method '{rule.Method}'.");
        }
    }

    /// <summary>1 − the constant (unless every answer is the item's first level, full health) − each answer's decrement.</summary>
    private static decimal Utility(InstrumentDefinition definition, Dictionary<string, decimal> scored, UtilityValueSet valueSet)
    {
        var fullHealth = definition.Items.All(i => scored[i.Id] == i.Options[0].Value);
        var utility = 1 - (fullHealth ? 0 : valueSet.Constant) - definition.Items.Sum(item =>
            valueSet.Decrements[item.Id][item.Options.Select(o => (decimal)o.Value).ToList().IndexOf(scored[item.Id])]);
        return Math.Round(utility, definition.Scoring.Decimals, MidpointRounding.AwayFromZero);
    }

    private static decimal Prorated(decimal value, ScoringRule rule) => rule.Prorate switch
    {
        "ceiling" => Math.Ceiling(value),
        _ => Math.Round(value, rule.Decimals, MidpointRounding.AwayFromZero),
    };

    private static List<SubscaleScore> SubscaleScores(InstrumentDefinition definition, Dictionary<string, decimal> scored) =>
        (definition.Subscales ?? []).Select(s =>
        {
            if (s.Items.Any(id => !scored.ContainsKey(id)))
            {
                return new SubscaleScore(s.Id, s.Name, null);
            }

            var values = s.Items.Select(id => scored[id]).ToList();
            var value = s.Method == "mean" ? values.Average() : values.Sum();
            return new SubscaleScore(s.Id, s.Name, Math.Round(value / s.Divisor, 2, MidpointRounding.AwayFromZero));
        }).ToList();

    private static List<CriterionResult> CriterionResults(InstrumentDefinition definition, IReadOnlyDictionary<string, int?> answers) =>
        (definition.Criteria ?? []).Select(c =>
        {
            var met = true;
            var undecided = false;
            foreach (var (subscaleId, needed) in c.Require)
            {
                var items = definition.Subscales!.Single(s => s.Id == subscaleId).Items;
                var endorsed = items.Count(id => answers.GetValueOrDefault(id) >= c.ItemAtLeast);
                var unanswered = items.Count(id => answers.GetValueOrDefault(id) is null);
                if (endorsed < needed)
                {
                    met = false;
                    undecided |= endorsed + unanswered >= needed;
                }
            }

            return new CriterionResult(c.Id, c.Label, met ? true : undecided ? null : false);
        }).ToList();

    private static List<SafetyFlag> SafetyFlags(InstrumentDefinition definition, IReadOnlyDictionary<string, int?> answers) =>
        (definition.Safety ?? []).Select(rule => answers.GetValueOrDefault(rule.Item) switch
            {
                null => new SafetyFlag(rule.Id, rule.Item, SafetyFlag.Unanswered,
                    rule.UnansweredMessage ?? $"Unanswered safety item ({definition.Code} {rule.Item}): ask the patient directly and record the answer; a skipped item is never read as 0.",
                    ""),
                var value when value >= rule.AtLeast => new SafetyFlag(rule.Id, rule.Item, SafetyFlag.Positive, rule.Message, rule.PatientMessage),
                _ => null,
            })
            .OfType<SafetyFlag>().ToList();

    private static ScoreResult Refused(InstrumentDefinition definition, string reason, IReadOnlyDictionary<string, int?> answers) =>
        new(definition.Code, null, null, null, answers.Count(a => a.Value is not null), 0, [], reason);
}
