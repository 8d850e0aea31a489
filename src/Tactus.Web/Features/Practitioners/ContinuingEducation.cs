using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Practitioners;

/// <summary>
/// Hours of continuing education a practitioner completed, entered with the evidence that proves them (a certificate
/// number or the provider's record), as a board asks for at audit (issue 13 §5).
/// </summary>
public sealed class ContinuingEducationRecord : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PractitionerId { get; init; }
    public DateOnly CompletedOn { get; init; }

    /// <summary>Hours as the certificate states them; quarter hours at the finest.</summary>
    public double Hours { get; init; }

    public required string Topic { get; init; }
    public required string Title { get; init; }
    public required string Provider { get; init; }
    public required string Evidence { get; init; }
    public Guid EnteredById { get; init; }
    public DateTimeOffset EnteredAt { get; init; }
}
