namespace Tactus.Web.Features.Audit;

/// <summary>
/// One audit event (FHIR AuditEvent; ASTM E2147 fields: when, who, role, organisation, action,
/// record, patient, source address, outcome). Append-only; each row carries the SHA-256 of its
/// predecessor so any change, removal or insertion breaks the chain (SR-13, SR-14).
/// </summary>
public sealed class AuditEntry
{
    /// <summary>The organisation's chain (AuditChainHead.ChainOf); sequences count within it.</summary>
    public Guid ChainId { get; init; }

    public long Sequence { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public Guid? OrganizationId { get; init; }
    public Guid? UserId { get; init; }
    public required string Actor { get; init; }
    public string? Role { get; init; }
    public required string Action { get; init; }
    public string? EntityType { get; init; }
    public string? EntityId { get; init; }
    public Guid? PatientId { get; init; }
    public string? IpAddress { get; init; }
    public required string Outcome { get; init; }
    public string? Detail { get; init; }
    public required string PreviousHash { get; init; }
    public required string Hash { get; init; }
}
