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

    /// <summary>What the finding does (Screening.RuleEffects): e.g. clearance and modify.</summary>
    public List<string> Does { get; set; } = [];

    public List<string> Reasons { get; set; } = [];

    /// <summary>What the record does not say that the finding needs (which limb to avoid): ask and record it.</summary>
    public List<string> Gaps { get; set; } = [];

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
    public bool Blocks => Status == FindingStatus.Active && Screening.RuleEffects.Blocks(Does);

    public bool Defers => Does.Contains(Screening.RuleEffects.Defer);

    public bool NeedsClearance => Does.Contains(Screening.RuleEffects.Clearance) && !Defers;

    /// <summary>"Do not treat" wording for a blocking finding.</summary>
    public string BlockingReason => Defers ? $"{Finding} (no massage today)" : $"{Finding} (needs the referring clinician's clearance)";

    public void Clear(string reason, Guid clinicianId, DateTimeOffset at)
    {
        if (!NeedsClearance)
        {
            throw new DomainRuleException("not-clearable", Defers
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
