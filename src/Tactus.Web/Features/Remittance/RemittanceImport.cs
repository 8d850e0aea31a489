using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Remittance;

/// <summary>
/// One imported 835. The SHA-256 of the file is unique per organisation, so importing the same file twice
/// posts nothing the second time.
/// </summary>
public sealed class RemittanceImport : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Sha256 { get; init; }
    public required string TraceNumber { get; init; }
    public required string PayerName { get; init; }
    public decimal PaymentAmount { get; init; }
    public required string PaymentMethod { get; init; }
    public DateOnly? PaymentDate { get; init; }
    public DateTimeOffset ImportedAt { get; init; }
    public Guid ImportedById { get; init; }
    public List<string> ClaimNumbers { get; init; } = [];
    public int DeniedLines { get; init; }
    public required string Content { get; init; }
}
