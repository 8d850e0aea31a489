using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>
/// A completed questionnaire (FHIR QuestionnaireResponse + Observation): the answers exactly as given,
/// who entered them (the patient or staff), and the score computed from them.
/// </summary>
public sealed class MeasureResponse : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public required string Instrument { get; init; }
    public Dictionary<string, int?> Answers { get; init; } = [];

    /// <summary>What the patient named for items that ask for it (PSFS activities), keyed by item.</summary>
    public Dictionary<string, string> ItemLabels { get; init; } = [];
    public Guid? EnteredById { get; init; }
    public bool EnteredByPatient { get; init; }
    public DateTimeOffset CompletedAt { get; init; }
    public decimal? Total { get; init; }
    public string? Band { get; init; }

    /// <summary>The band convention the band was read from (sources publish different cut-points; the organisation chooses).</summary>
    public string? BandConvention { get; init; }

    public string? CannotScoreReason { get; init; }
}

/// <summary>
/// An urgent safety alert from an instrument's safety rule (PHQ-9 item 9). It stays open until a person
/// acknowledges it with the action taken: never silent, never lost (clinical.md §1.2).
/// </summary>
public sealed class SafetyAlert : IOrganizationOwned, IPatientData
{
    /// <summary>The safety item fired: e.g. PHQ-9 item 9 answered 1 or more.</summary>
    public const string Positive = SafetyFlag.Positive;

    /// <summary>The safety item was skipped: never read as 0; staff ask the patient directly (clinical.md §1.2).</summary>
    public const string Unanswered = SafetyFlag.Unanswered;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid ResponseId { get; init; }
    public required string RuleId { get; init; }
    public required string Kind { get; init; }
    public required string Message { get; init; }
    public DateTimeOffset RaisedAt { get; init; }

    /// <summary>The referring clinicians and assigned therapists the alert is addressed to.</summary>
    public List<Guid> Recipients { get; init; } = [];

    public Guid? AcknowledgedById { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? ActionTaken { get; private set; }

    /// <summary>For an unanswered-item alert: the later response that answered the item and so closed it.</summary>
    public Guid? ResolvedByResponseId { get; private set; }

    /// <summary>When the unacknowledged urgent alert was escalated to the programme managers (AlertEscalation), if it was.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    public bool IsOpen => AcknowledgedAt is null;

    public void ResolveByLaterAnswer(Guid responseId, DateTimeOffset at)
    {
        if (Kind != Unanswered || !IsOpen)
        {
            return;
        }

        AcknowledgedAt = at;
        ResolvedByResponseId = responseId;
        ActionTaken = "The item was answered in a later response.";
    }

    public void Acknowledge(Guid by, string action, DateTimeOffset at)
    {
        if (!IsOpen)
        {
            throw new Web.DomainRuleException("already-acknowledged", "This alert was already acknowledged.");
        }

        if (string.IsNullOrWhiteSpace(action))
        {
            throw new Web.DomainRuleException("action-required", "Record the action taken (for example: called the patient, risk assessed, safety plan made).",
                StatusCodes.Status422UnprocessableEntity);
        }

        AcknowledgedById = by;
        AcknowledgedAt = at;
        ActionTaken = action.Trim();
    }
}
