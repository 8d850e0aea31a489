using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Remittance;

/// <summary>
/// One imported payment of an 835 (one ST/SE transaction set). Payer and trace number are unique per organisation, so
/// importing the same payment twice posts nothing the second time; a file with several payments gives several rows.
/// </summary>
public sealed class RemittanceImport : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Sha256 { get; init; }
    public required string TraceNumber { get; init; }

    /// <summary>TRN03: trace numbers are unique per payer, not across payers.</summary>
    public string PayerIdentifier { get; init; } = "";
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
