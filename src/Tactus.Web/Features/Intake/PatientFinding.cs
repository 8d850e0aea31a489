using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Intake;

/// <summary>
/// A screening finding kept on the patient (FHIR Flag / DetectedIssue) until the rule stops firing.
/// A clearance finding blocks treatment until the referring clinician records a clearance with a reason.
/// </summary>
public sealed class PatientFinding : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public required string RuleId { get; init; }
    public required string Finding { get; set; }
    public required string Category { get; set; }
    public required string Action { get; set; }
    public List<string> Reasons { get; set; } = [];
    public List<string> AvoidRegions { get; set; } = [];
    public int? MaxPressure { get; set; }
    public List<string> ExcludedTechniques { get; set; } = [];
    public required string PatientText { get; set; }
    public required string ClinicianText { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset DetectedAt { get; init; }
    public DateTimeOffset LastConfirmedAt { get; set; }
    public FindingStatus Status { get; private set; } = FindingStatus.Active;
    public Guid? ClearedById { get; private set; }
    public DateTimeOffset? ClearedAt { get; private set; }
    public string? ClearanceReason { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }

    /// <summary>Blocks treatment: a defer finding while it lasts, a clearance finding until cleared.</summary>
    public bool Blocks => Status == FindingStatus.Active && Action is Screening.RuleActions.Defer or Screening.RuleActions.Clearance;

    public void Clear(string reason, Guid clinicianId, DateTimeOffset at)
    {
        if (Action != Screening.RuleActions.Clearance)
        {
            throw new DomainRuleException("not-clearable", Action == Screening.RuleActions.Defer
                ? "This finding defers massage until it resolves; a clearance cannot override it."
                : "Only findings that need clearance can be cleared.");
        }

        if (Status != FindingStatus.Active)
        {
            throw new DomainRuleException("not-active", "This finding is no longer active.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("reason-required", "Give the reason for the clearance.", StatusCodes.Status422UnprocessableEntity);
        }

        Status = FindingStatus.Cleared;
        ClearedById = clinicianId;
        ClearedAt = at;
        ClearanceReason = reason.Trim();
    }

    public void Resolve(DateTimeOffset at)
    {
        Status = FindingStatus.Resolved;
        ResolvedAt = at;
    }
}

public enum FindingStatus
{
    Active,
    Cleared,
    Resolved,
}
