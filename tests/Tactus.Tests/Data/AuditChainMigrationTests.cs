using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;

namespace Tactus.Tests.Data;

/// <summary>
/// An installation upgraded from the single audit chain keeps every entry verifiable: the old
/// entries become the system chain, each organisation's chain continues from where the single
/// chain stood, and the store still refuses to change an entry (SR-14) after the table was rebuilt.
/// </summary>
public abstract class AuditChainMigrationTests(MigrationDatabase store)
{
    private const string LastSingleChainMigration = "ClaimListIndexes";
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SingleChain_BecomesOneChainPerOrganization_ThatStillVerifies()
    {
        await using var db = await store.CreateContextAsync();
        await db.GetService<IMigrator>().MigrateAsync(LastSingleChainMigration);
        var (riverside, harbor) = (Guid.NewGuid(), Guid.NewGuid());
        foreach (var (id, slug) in new[] { (riverside, "riverside"), (harbor, "harbor") })
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO \"Organizations\" (\"Id\", \"Name\", \"Slug\", \"RequireMfaForStaff\", \"NextMrnNumber\") VALUES ({0}, {1}, {2}, {3}, 1)",
                id, slug, slug, false);
        }

        var previous = AuditChain.GenesisHash;
        for (var sequence = 1L; sequence <= 6; sequence++)
        {
            var organization = sequence % 3 == 0 ? (Guid?)null : sequence % 2 == 0 ? riverside : harbor;
            var entry = AuditChain.Seal(new AuditRecord(Start.AddMinutes(sequence), organization, null, "someone@example.org", "manager",
                AuditActions.Read, "Patient", Guid.NewGuid().ToString(), null, "10.0.0.1", AuditOutcomes.Success), sequence, previous);
            previous = entry.Hash;
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "AuditEntries" ("Sequence", "OccurredAt", "OrganizationId", "UserId", "Actor", "Role", "Action", "EntityType",
                    "EntityId", "PatientId", "IpAddress", "Outcome", "Detail", "PreviousHash", "Hash")
                VALUES ({0}, {1}, {2}, NULL, {3}, {4}, {5}, {6}, {7}, NULL, {8}, {9}, NULL, {10}, {11})
                """,
                entry.Sequence, store.Stored(entry.OccurredAt), entry.OrganizationId!, entry.Actor, entry.Role!, entry.Action,
                entry.EntityType!, entry.EntityId!, entry.IpAddress!, entry.Outcome, entry.PreviousHash, entry.Hash);
        }

        await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditChainHeads\" SET \"LastSequence\" = 6, \"LastHash\" = {0}", previous);

        await db.Database.MigrateAsync();
        var key = new AuditCheckpointKey(new byte[32]);
        var afterUpgrade = await AuditVerifier.VerifyAllAsync(db, key);
        var heads = await db.AuditChainHeads.AsNoTracking().ToDictionaryAsync(h => h.ChainId);
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await AuditAppender.AppendAsync(db, [new AuditRecord(Start.AddHours(1), riverside, null, "someone@example.org", "manager",
                AuditActions.Read, "Patient", Guid.NewGuid().ToString(), null, null, AuditOutcomes.Success)], CancellationToken.None);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var appended = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking().SingleAsync(e => e.ChainId == riverside);
        var afterAppend = await AuditVerifier.VerifyAllAsync(db, key);
        var update = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"Actor\" = 'x'"));

        Assert.True(afterUpgrade.IsIntact, afterUpgrade.ToString());
        Assert.Equal(6, afterUpgrade.EntriesChecked);
        Assert.Equal((0L, 6L), (heads[AuditChainHead.SystemChain].StartSequence, heads[AuditChainHead.SystemChain].LastSequence));
        Assert.Equal((6L, previous), (heads[riverside].StartSequence, heads[riverside].StartHash));
        Assert.Equal((6L, previous), (heads[harbor].StartSequence, heads[harbor].StartHash));
        Assert.Equal(7, appended.Sequence);
        Assert.Equal(previous, appended.PreviousHash);
        Assert.True(afterAppend.IsIntact, afterAppend.ToString());
        Assert.Equal(7, afterAppend.EntriesChecked);
        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
    }
}

public sealed class AuditChainMigrationSqliteTests(SqliteMigrationDatabase store) : AuditChainMigrationTests(store), IClassFixture<SqliteMigrationDatabase>;

public sealed class AuditChainMigrationPostgreSqlTests(PostgreSqlMigrationDatabase store) : AuditChainMigrationTests(store), IClassFixture<PostgreSqlMigrationDatabase>;
