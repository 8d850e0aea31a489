using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Data;

/// <summary>
/// Places audit records at the end of their organisation's chain inside the caller's open
/// transaction. Per chain: one statement takes the head's row lock and reads where the chain ends
/// (UPDATE … RETURNING, on both stores), the INSERTs write the entries (see InsertAsync), one UPDATE moves
/// the head. Chains are locked in ascending id order so two transactions touching the same chains
/// cannot deadlock. PostgreSQL locks one organisation's
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
            var first = sealedEntries.Count;
            foreach (var record in chain)
            {
                var entry = AuditChain.Seal(record, ++sequence, previousHash);
                previousHash = entry.Hash;
                sealedEntries.Add(entry);
            }

            await InsertAsync(db, sealedEntries.GetRange(first, sealedEntries.Count - first), cancellationToken);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE \"AuditChainHeads\" SET \"LastSequence\" = {sequence}, \"LastHash\" = {previousHash} WHERE \"ChainId\" = {chain.Key}",
                cancellationToken);
        }

        return sealedEntries;
    }

    /// <summary>
    /// Rows per INSERT on PostgreSQL, where one statement is one round trip. Fifty rows keep one statement per
    /// typical batch.
    /// </summary>
    private const int RowsPerInsert = 50;

    /// <summary>
    /// Written directly: the entries are never tracked, so the caller's SaveChanges does not build a command per row.
    /// Each value goes through the model's own type mapping (and converter), so it is stored exactly as EF stores it
    /// on either store. PostgreSQL gets one multi-row INSERT per 50 entries (one round trip each). SQLite gets one
    /// single-row INSERT, compiled once and bound row by row: there is no round trip to save, and SQLite finds each
    /// named parameter by a linear search, so a 50-row statement (800 parameters) cost more to prepare and bind
    /// than it saved (a fifth of a patient search's CPU under load went to preparing and binding it).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100",
        Justification = "The text holds only the model's column names and generated parameter names; every value is a parameter.")]
    private static async Task InsertAsync(TactusDbContext db, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var columns = ColumnsByModel.GetValue(db.Model, model => model.FindEntityType(typeof(AuditEntry))!.GetProperties()
            .Select(p => new Column(p, p.GetColumnName(), p.GetRelationalTypeMapping(), p.GetGetter())).ToList());
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var rowsPerStatement = db.Database.IsSqlite() ? 1 : RowsPerInsert;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        foreach (var chunk in entries.Chunk(rowsPerStatement))
        {
            // Same row count, same text: SQLite keeps the compiled statement for the next row.
            if (command.Parameters.Count != chunk.Length * columns.Count)
            {
                var sql = new System.Text.StringBuilder("INSERT INTO \"AuditEntries\" (")
                    .AppendJoin(", ", columns.Select(c => $"\"{c.Name}\"")).Append(") VALUES ");
                for (var row = 0; row < chunk.Length; row++)
                {
                    sql.Append(row == 0 ? "(" : ", (").AppendJoin(", ", columns.Select((_, column) => $"@a{row}_{column}")).Append(')');
                }

                command.CommandText = sql.ToString();
            }

            command.Parameters.Clear();
            for (var row = 0; row < chunk.Length; row++)
            {
                for (var column = 0; column < columns.Count; column++)
                {
                    var (property, _, mapping, getter) = columns[column];
                    command.Parameters.Add(mapping.CreateParameter(command, $"@a{row}_{column}", getter.GetClrValue(chunk[row]), property.IsNullable));
                }
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
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

    /// <summary>The entry's columns and their mappings, worked out once per model rather than for every batch.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Microsoft.EntityFrameworkCore.Metadata.IModel, List<Column>>
        ColumnsByModel = [];

    private sealed record Column(Microsoft.EntityFrameworkCore.Metadata.IProperty Property, string Name,
        RelationalTypeMapping Mapping, Microsoft.EntityFrameworkCore.Metadata.IClrPropertyGetter Getter);

    private sealed class HeadPosition
    {
        public long LastSequence { get; init; }
        public required string LastHash { get; init; }
    }
}
