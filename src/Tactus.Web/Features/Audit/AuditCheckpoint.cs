namespace Tactus.Web.Features.Audit;

/// <summary>
/// A signed statement that a chain had this hash at this sequence. The key lives outside the
/// database (AuditCheckpointKey), so someone who can rewrite entries and the head alike still
/// cannot make the checkpoints agree: the rewrite is caught up to the newest checkpoint.
/// Verification can also resume from the newest checkpoint instead of re-reading the whole chain.
/// </summary>
public sealed class AuditCheckpoint
{
    public Guid ChainId { get; init; }
    public long Sequence { get; init; }
    public required string Hash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public required string Signature { get; init; }
}
