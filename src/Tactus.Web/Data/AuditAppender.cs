using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Data;

/// <summary>
/// Places audit records at the end of the chain inside the caller's open transaction. Taking the
/// head row's lock first (an UPDATE) serialises appenders across connections and instances on both
/// stores: PostgreSQL locks the row, SQLite the database.
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

        var heads = db.AuditChainHeads.Where(h => h.Id == AuditChainHead.SingletonId);
        await heads.ExecuteUpdateAsync(s => s.SetProperty(h => h.LockCounter, h => h.LockCounter + 1), cancellationToken);
        var head = await heads.AsNoTracking().SingleAsync(cancellationToken);

        var sequence = head.LastSequence;
        var previousHash = head.LastHash;
        var sealedEntries = new List<AuditEntry>(records.Count);
        foreach (var record in records)
        {
            var entry = AuditChain.Seal(record, ++sequence, previousHash);
            previousHash = entry.Hash;
            sealedEntries.Add(entry);
        }

        db.AuditEntries.AddRange(sealedEntries);
        await heads.ExecuteUpdateAsync(
            s => s.SetProperty(h => h.LastSequence, sequence).SetProperty(h => h.LastHash, previousHash),
            cancellationToken);
        return sealedEntries;
    }
}
