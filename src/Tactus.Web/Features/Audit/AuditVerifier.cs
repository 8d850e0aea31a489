using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// Verifies chains from the store, streaming rows through <see cref="AuditChainWalk"/> so memory
/// stays constant at any length. Every signed checkpoint must be genuine and agree with the entry
/// at its sequence; a chain that continues the system chain must find its starting point there.
/// Runs in a system scope (it reads every row of the chain, whoever wrote it).
/// </summary>
public static class AuditVerifier
{
    /// <summary>Every chain; the verdict of the first broken one, or the total when all are intact.</summary>
    public static async Task<AuditVerification> VerifyAllAsync(TactusDbContext db, AuditCheckpointKey key,
        bool fromCheckpoint = false, CancellationToken cancellationToken = default)
    {
        var chains = await db.AuditChainHeads.AsNoTracking().OrderBy(h => h.ChainId).Select(h => h.ChainId).ToListAsync(cancellationToken);
        var orphans = await db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => !chains.Contains(e.ChainId), cancellationToken);
        if (orphans)
        {
            return AuditVerification.Broken(0, 0, "entries exist for a chain that has no head: the head was removed");
        }

        var checkedEntries = 0L;
        foreach (var chain in chains)
        {
            var result = await VerifyChainAsync(db, key, chain, fromCheckpoint, cancellationToken);
            if (!result.IsIntact)
            {
                return result;
            }

            checkedEntries += result.EntriesChecked;
        }

        return AuditVerification.Intact(checkedEntries);
    }

    public static async Task<AuditVerification> VerifyChainAsync(TactusDbContext db, AuditCheckpointKey key, Guid chainId,
        bool fromCheckpoint = false, CancellationToken cancellationToken = default)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.ChainId == chainId, cancellationToken);
        if (head is null)
        {
            var any = await db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.ChainId == chainId, cancellationToken);
            return any
                ? AuditVerification.Broken(0, 0, "entries exist but the chain's head was removed")
                : AuditVerification.Intact(0);
        }

        var (checkpointProblem, newest) = await CheckCheckpointsAsync(db, key, head, cancellationToken);
        if (checkpointProblem is not null)
        {
            return checkpointProblem;
        }

        var (startSequence, startHash) = fromCheckpoint && newest is not null
            ? (newest.Sequence, newest.Hash)
            : (head.StartSequence, head.StartHash);
        if (!fromCheckpoint && head.StartSequence > 0 && chainId != AuditChainHead.SystemChain)
        {
            var forkHash = await db.AuditEntries.IgnoreQueryFilters()
                .Where(e => e.ChainId == AuditChainHead.SystemChain && e.Sequence == head.StartSequence)
                .Select(e => e.Hash).SingleOrDefaultAsync(cancellationToken);
            if (forkHash != head.StartHash)
            {
                return AuditVerification.Broken(0, head.StartSequence,
                    "the chain does not continue from the entry it records as its start");
            }
        }

        var walk = new AuditChainWalk(startSequence, startHash);
        var entries = db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.ChainId == chainId && e.Sequence > startSequence)
            .OrderBy(e => e.Sequence)
            .AsAsyncEnumerable();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            if (!walk.Accept(entry))
            {
                break;
            }
        }

        return walk.Finish(head.LastSequence, head.LastHash);
    }

    /// <summary>Streams the chain's checkpoints beside the entries they name; returns the first problem or the newest checkpoint.</summary>
    private static async Task<(AuditVerification? Problem, AuditCheckpoint? Newest)> CheckCheckpointsAsync(
        TactusDbContext db, AuditCheckpointKey key, AuditChainHead head, CancellationToken cancellationToken)
    {
        var rows =
            from checkpoint in db.AuditCheckpoints.AsNoTracking().Where(c => c.ChainId == head.ChainId)
            join entry in db.AuditEntries.IgnoreQueryFilters()
                on new { checkpoint.ChainId, checkpoint.Sequence } equals new { entry.ChainId, entry.Sequence } into matched
            from entry in matched.DefaultIfEmpty()
            orderby checkpoint.Sequence
            select new { Checkpoint = checkpoint, EntryHash = (string?)entry!.Hash };
        AuditCheckpoint? newest = null;
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var checkpoint = row.Checkpoint;
            if (!key.IsGenuine(checkpoint))
            {
                return (AuditVerification.Broken(0, checkpoint.Sequence,
                    "a checkpoint there is not signed with this installation's key: it was forged or altered"), null);
            }

            if (checkpoint.Sequence > head.LastSequence)
            {
                return (AuditVerification.Broken(0, head.LastSequence + 1,
                    $"a signed checkpoint records entry {checkpoint.Sequence} but the head ends at {head.LastSequence}: entries were removed from the end"), null);
            }

            if (row.EntryHash != checkpoint.Hash)
            {
                return (AuditVerification.Broken(0, checkpoint.Sequence,
                    "the entry differs from what a signed checkpoint recorded: the chain was rewritten at or before it"), null);
            }

            newest = checkpoint;
        }

        return (null, newest);
    }
}
