using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Claims;

/// <summary>
/// One exported 837P interchange: its control number (never reused in the organisation), the claims in it,
/// and the file exactly as it was handed out, so a download later gives the same bytes.
/// </summary>
public sealed class ClaimBatch : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public long InterchangeControlNumber { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid CreatedById { get; init; }
    public List<Guid> ClaimIds { get; init; } = [];
    public int ClaimCount { get; init; }
    public decimal TotalCharge { get; init; }
    public required string Content { get; init; }

    public string FileName => $"837P-{InterchangeControlNumber:D9}.x12";
}
