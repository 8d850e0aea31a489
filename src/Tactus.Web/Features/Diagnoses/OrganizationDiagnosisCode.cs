using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Diagnoses;

/// <summary>An ICD-10-CM code an organisation adds to the bundled referral list, on its own authority.</summary>
public sealed class OrganizationDiagnosisCode : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Code { get; init; }
    public required string Display { get; init; }
    public DateTimeOffset AddedAt { get; init; }
    public Guid AddedById { get; init; }
}
