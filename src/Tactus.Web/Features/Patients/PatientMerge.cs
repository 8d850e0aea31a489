using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Patients;

/// <summary>
/// An administrator merged a duplicate record into the one kept: who, when, why, and how many rows moved. Kept as
/// history beside the audit trail; the duplicate stays, marked as merged, so earlier audit entries still resolve.
/// </summary>
public sealed class PatientMerge : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }

    /// <summary>The record kept (the merge is about this patient).</summary>
    public Guid PatientId { get; init; }

    public Guid DuplicateId { get; init; }
    public required string DuplicateMrn { get; init; }
    public required string Reason { get; init; }
    public int RowsMoved { get; init; }
    public Guid MergedById { get; init; }
    public DateTimeOffset MergedAt { get; init; }
}
