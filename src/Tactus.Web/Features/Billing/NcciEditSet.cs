using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Billing;

/// <summary>
/// An NCCI PTP table an organisation loaded (the current CMS quarter). Only the pairs among the codes Tactus
/// bills are kept; the newest set is the one in force. Without one, the reviewed demonstration file applies.
/// </summary>
public sealed class NcciEditSet : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string SourceName { get; init; }
    public DateTimeOffset LoadedAt { get; init; }
    public Guid LoadedById { get; init; }
    public int RowsRead { get; init; }
    public List<PtpEdit> Edits { get; init; } = [];
}
