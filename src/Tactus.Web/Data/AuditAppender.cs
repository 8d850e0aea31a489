using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Data;

/// <summary>
/// Places audit records at the end of their organisation's chain inside the caller's open
/// transaction. One statement per chain takes the head's row lock and reads where the chain ends
/// (UPDATE … RETURNING, on both stores); the entries and the head's new position then go out with
/// the caller's SaveChanges as one batch. Chains are locked in ascending id order so two
/// transactions touching the same chains cannot deadlock. PostgreSQL locks one organisation's
/// head; SQLite has one writer for the whole database anyway.
/// </summary>
public static class AuditAppender
{
    public static async Task<IReadOnlyList<AuditEntry>> AppendAsync(
        TactusDbContext db, IReadOnlyList<AuditRecord> records, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit entries are appended inside the transaction of the change they record.");
        }

        var sealedEntries = new List<AuditEntry>(records.Count);
        foreach (var chain in records.GroupBy(r => AuditChainHead.ChainOf(r.OrganizationId)).OrderBy(g => g.Key))
        {
            var position = await LockHeadAsync(db, chain.Key, cancellationToken);
            var sequence = position.LastSequence;
            var previousHash = position.LastHash;
            foreach (var record in chain)
            {
                var entry = AuditChain.Seal(record, ++sequence, previousHash);
                previousHash = entry.Hash;
                sealedEntries.Add(entry);
            }

            MoveHead(db, chain.Key, sequence, previousHash);
        }

        db.AuditEntries.AddRange(sealedEntries);
        return sealedEntries;
    }

    /// <summary>Locks the chain's head (creating it at genesis the first time) and says where the chain ends.</summary>
    private static async Task<HeadPosition> LockHeadAsync(TactusDbContext db, Guid chainId, CancellationToken cancellationToken)
    {
        var position = await TryLockAsync(db, chainId, cancellationToken);
        if (position is not null)
        {
            return position;
        }

        var genesis = AuditChain.GenesisHash;
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO "AuditChainHeads" ("ChainId", "StartSequence", "StartHash", "LastSequence", "LastHash", "LockCounter")
             VALUES ({chainId}, 0, {genesis}, 0, {genesis}, 0) ON CONFLICT ("ChainId") DO NOTHING
             """, cancellationToken);
        return await TryLockAsync(db, chainId, cancellationToken)
               ?? throw new InvalidOperationException($"The audit chain head {chainId} could not be created.");
    }

    private static async Task<HeadPosition?> TryLockAsync(TactusDbContext db, Guid chainId, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQuery<HeadPosition>(
            $"""
             UPDATE "AuditChainHeads" SET "LockCounter" = "LockCounter" + 1 WHERE "ChainId" = {chainId}
             RETURNING "LastSequence", "LastHash"
             """).ToListAsync(cancellationToken);
        return rows.SingleOrDefault();
    }

    /// <summary>Sets the head's new end as a tracked change, so it is written in the same batch as the entries.</summary>
    private static void MoveHead(TactusDbContext db, Guid chainId, long lastSequence, string lastHash)
    {
        var head = db.AuditChainHeads.Local.FirstOrDefault(h => h.ChainId == chainId);
        if (head is null)
        {
            head = new AuditChainHead { ChainId = chainId, StartHash = AuditChain.GenesisHash, LastHash = lastHash };
            db.AuditChainHeads.Attach(head);
        }

        head.LastSequence = lastSequence;
        head.LastHash = lastHash;
        var entry = db.Entry(head);
        entry.Property(h => h.LastSequence).IsModified = true;
        entry.Property(h => h.LastHash).IsModified = true;
    }

    private sealed class HeadPosition
    {
        public long LastSequence { get; init; }
        public required string LastHash { get; init; }
    }
}
