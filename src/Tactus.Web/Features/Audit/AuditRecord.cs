using Tactus.Web.Web;

namespace Tactus.Web.Features.Audit;

/// <summary>An audit event before it has a place in the chain.</summary>
[PureEngine]
public sealed record AuditRecord(
    DateTimeOffset OccurredAt,
    Guid? OrganizationId,
    Guid? UserId,
    string Actor,
    string? Role,
    string Action,
    string? EntityType,
    string? EntityId,
    Guid? PatientId,
    string? IpAddress,
    string Outcome,
    string? Detail = null);
