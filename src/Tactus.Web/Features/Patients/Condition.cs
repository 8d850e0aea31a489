using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Patients;

/// <summary>A diagnosis on the patient's problem list, coded in ICD-10-CM (FHIR Condition).</summary>
public sealed class Condition : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public required string Code { get; init; }
    public required string Display { get; init; }
    public DateOnly? OnsetDate { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}
