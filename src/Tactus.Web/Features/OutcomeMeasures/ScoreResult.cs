namespace Tactus.Web.Features.OutcomeMeasures;

/// <summary>
/// What scoring a set of answers gives, or why it could not be scored. Safety flags come either way.
/// RawTotal is the sum before a conversion table (PROMIS raw score), when one applies.
/// </summary>
public sealed record ScoreResult(
    string Instrument,
    decimal? Total,
    string? Band,
    bool? PositiveScreen,
    int Answered,
    int Missing,
    IReadOnlyList<SafetyFlag> SafetyFlags,
    string? CannotScoreReason,
    IReadOnlyList<SubscaleScore>? Subscales = null,
    IReadOnlyList<CriterionResult>? Criteria = null,
    decimal? RawTotal = null)
{
    public bool Scored => Total is not null;
}

/// <summary>A safety rule that fired ("positive"), or whose item was skipped ("unanswered": never treated as 0).</summary>
public sealed record SafetyFlag(string RuleId, string Item, string Kind, string Message, string PatientMessage);

/// <summary>A subscale's score; null when one of its items is unanswered.</summary>
public sealed record SubscaleScore(string Id, string Name, decimal? Score);

/// <summary>Whether a count rule is met; null when unanswered items could still change the answer.</summary>
public sealed record CriterionResult(string Id, string Label, bool? Met);
