using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Patients;

/// <summary>
/// A staff member's relationship to a patient (FHIR CareTeam.participant). Therapists and
/// clinicians see a patient only through this row (PatientAccessRules).
/// </summary>
public sealed class CareTeamMember : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid UserId { get; init; }
    public required string Role { get; init; }
    public DateTimeOffset AddedAt { get; init; }
}
