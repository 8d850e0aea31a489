namespace Tactus.Web.Features.Questionnaires;

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

    /// <summary>Crisis wording for the patient: only when a safety rule fired, never for a skipped item (staff follow that up).</summary>
    public string? CrisisMessage => SafetyFlags.Where(f => f.Fired).Select(f => f.PatientMessage).FirstOrDefault();
}

/// <summary>A safety rule that fired ("positive"), or whose item was skipped ("unanswered": never treated as 0).</summary>
public sealed record SafetyFlag(string RuleId, string Item, string Kind, string Message, string PatientMessage)
{
    public const string Positive = "positive";
    public const string Unanswered = "unanswered";

    /// <summary>Only a rule that fired shows the patient crisis wording; a skipped item is for staff to follow up.</summary>
    public bool Fired => Kind == Positive;
}

/// <summary>A subscale's score; null when one of its items is unanswered.</summary>
public sealed record SubscaleScore(string Id, string Name, decimal? Score);

/// <summary>Whether a count rule is met; null when unanswered items could still change the answer.</summary>
public sealed record CriterionResult(string Id, string Label, bool? Met);
