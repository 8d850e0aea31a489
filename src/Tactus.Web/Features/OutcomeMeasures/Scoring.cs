namespace Tactus.Web.Features.OutcomeMeasures;

/// <summary>
/// Scores answers against an instrument definition, pure and exact: values must be ones the item
/// offers, missing items follow the definition's rule (default: none may be missing, reference/clinical.md
/// §1.1), bands are looked up on the total, and safety rules are checked on the raw answers before and
/// regardless of the total.
/// </summary>
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
                return Refused(definition,
                    $"{value} is not an answer to {definition.Code} {item.Id}; it takes {string.Join(", ", item.Options.Select(o => o.Value))}.", answers);
            }
        }

        var given = definition.Items.Select(i => answers.GetValueOrDefault(i.Id)).Where(v => v is not null).Select(v => (decimal)v!.Value).ToList();
        var missing = definition.Items.Count - given.Count;
        var flags = SafetyFlags(definition, answers);
        if (missing > definition.Scoring.MaxMissing)
        {
            var reason = definition.Scoring.MaxMissing == 0
                ? $"{definition.Code} is scored only when every item is answered; {missing} of {definition.Items.Count} are missing."
                : $"{definition.Code} allows at most {definition.Scoring.MaxMissing} missing items; {missing} are missing.";
            return new ScoreResult(definition.Code, null, null, null, given.Count, missing, flags, reason);
        }

        var total = definition.Scoring.Method switch
        {
            "sum" when missing == 0 => given.Sum(),
            "sum" => Math.Round(given.Average() * definition.Items.Count, definition.Scoring.Decimals, MidpointRounding.AwayFromZero),
            "mean" => Math.Round(given.Average(), definition.Scoring.Decimals, MidpointRounding.AwayFromZero),
            var other => throw new InvalidOperationException($"Unknown scoring method '{other}'."),
        };
        var band = definition.Bands.FirstOrDefault(b => total >= b.Min && total <= b.Max)?.Label;
        bool? positive = definition.PositiveScreen is { } screen ? total >= screen.AtLeast : null;
        return new ScoreResult(definition.Code, total, band, positive, given.Count, missing, flags, null);
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

    private static List<SafetyFlag> SafetyFlags(InstrumentDefinition definition, IReadOnlyDictionary<string, int?> answers) =>
        (definition.Safety ?? []).Select(rule => answers.GetValueOrDefault(rule.Item) switch
            {
                null => new SafetyFlag(rule.Id, rule.Item, "unanswered", $"Unanswered safety item ({definition.Code} {rule.Item}): ask the patient directly.", rule.PatientMessage),
                var value when value >= rule.AtLeast => new SafetyFlag(rule.Id, rule.Item, "positive", rule.Message, rule.PatientMessage),
                _ => null,
            })
            .OfType<SafetyFlag>().ToList();

    private static ScoreResult Refused(InstrumentDefinition definition, string reason, IReadOnlyDictionary<string, int?> answers) =>
        new(definition.Code, null, null, null, answers.Count(a => a.Value is not null), 0, [], reason);
}
