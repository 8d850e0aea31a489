namespace Tactus.Web.Features.OutcomeMeasures;

/// <summary>What scoring a set of answers gives, or why it could not be scored. Safety flags come either way.</summary>
public sealed record ScoreResult(
    string Instrument,
    decimal? Total,
    string? Band,
    bool? PositiveScreen,
    int Answered,
    int Missing,
    IReadOnlyList<SafetyFlag> SafetyFlags,
    string? CannotScoreReason)
{
    public bool Scored => Total is not null;
}

/// <summary>A safety rule that fired ("positive"), or whose item was skipped ("unanswered": never treated as 0).</summary>
public sealed record SafetyFlag(string RuleId, string Item, string Kind, string Message, string PatientMessage);
