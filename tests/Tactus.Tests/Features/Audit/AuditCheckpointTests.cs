using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Tests.Features.Audit;

/// <summary>
/// Someone who can write to the database can rewrite the end of a chain and its head so that the
/// hashes agree again; the signed checkpoints, whose key is not in the database, still catch it,
/// and verification can resume from the newest checkpoint instead of re-reading the whole chain.
/// Each attack is rolled back afterwards, so the two tests can share a fixture in either order.
/// </summary>
public abstract class AuditCheckpointTests(TactusApp app)
{
    protected abstract string DisableAppendOnlySql { get; }

    [Fact]
    public async Task RewrittenTailAndHead_AreCaughtByTheSignedCheckpoint_AndVerificationResumesFromIt()
    {
        var key = app.CheckpointKeyOf();
        var client = await app.AsAsync(Roles.Manager);
        await client.GetAsync("/api/patients");
        var chain = await app.WithDbAsync(db => db.Organizations.Where(o => o.Slug == "riverside").Select(o => o.Id).SingleAsync());
        await app.WithDbAsync(db => AuditCheckpointWriter.WriteAsync(db, key, TimeProvider.System));
        var checkpoint = await app.WithDbAsync(db => db.AuditCheckpoints.AsNoTracking().Where(c => c.ChainId == chain)
            .OrderByDescending(c => c.Sequence).FirstAsync());
        await client.GetAsync("/api/patients");
        var head = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.ChainId == chain));
        var resumed = await app.WithDbAsync(db => AuditVerifier.VerifyChainAsync(db, key, chain, fromCheckpoint: true));
        var whole = await app.WithDbAsync(db => AuditVerifier.VerifyChainAsync(db, key, chain));

        // The attack runs in a transaction that is rolled back, so the fixture's other test sees an intact chain.
        var (rewritten, withoutCheckpoints) = await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync(DisableAppendOnlySql);
            await RewriteFromAsync(db, chain, checkpoint.Sequence);
            var caught = await AuditVerifier.VerifyChainAsync(db, key, chain);
            await db.AuditCheckpoints.Where(c => c.ChainId == chain).ExecuteDeleteAsync();
            var unsigned = await AuditVerifier.VerifyChainAsync(db, key, chain);
            await transaction.RollbackAsync();
            return (caught, unsigned);
        });

        Assert.True(resumed.IsIntact, resumed.ToString());
        Assert.Equal(head.LastSequence - checkpoint.Sequence, resumed.EntriesChecked);
        Assert.True(whole.IsIntact, whole.ToString());
        Assert.Equal(head.LastSequence, whole.EntriesChecked);
        Assert.False(rewritten.IsIntact);
        Assert.Equal(checkpoint.Sequence, rewritten.FirstBrokenSequence);
        Assert.Contains("signed checkpoint", rewritten.Problem, StringComparison.Ordinal);
        Assert.True(withoutCheckpoints.IsIntact, "without the checkpoint the rewrite is consistent: this is what the key protects");
    }

    [Fact]
    public async Task ForgedCheckpoint_IsRefused()
    {
        var client = await app.AsAsync(Roles.Manager);
        await client.GetAsync("/api/patients");
        var chain = await app.WithDbAsync(db => db.Organizations.Where(o => o.Slug == "riverside").Select(o => o.Id).SingleAsync());
        var forger = new AuditCheckpointKey(new byte[32]);

        // In a transaction that is rolled back, so the other test in this fixture sees no forged checkpoint.
        var result = await app.WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await AuditCheckpointWriter.WriteAsync(db, forger, TimeProvider.System);
            var verdict = await AuditVerifier.VerifyChainAsync(db, app.CheckpointKeyOf(), chain);
            await transaction.RollbackAsync();
            return verdict;
        });

        Assert.False(result.IsIntact);
        Assert.Contains("not signed with this installation's key", result.Problem, StringComparison.Ordinal);
    }

    /// <summary>What an attacker with the database owner's rights does: change one entry, re-link everything after it, move the head.</summary>
    private static async Task RewriteFromAsync(TactusDbContext db, Guid chain, long fromSequence)
    {
        var tail = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
            .Where(e => e.ChainId == chain && e.Sequence >= fromSequence).OrderBy(e => e.Sequence).ToListAsync();
        var previous = tail[0].PreviousHash;
        foreach (var original in tail)
        {
            var record = new AuditRecord(original.OccurredAt, original.OrganizationId, original.UserId,
                original.Sequence == fromSequence ? "someone-else@example.org" : original.Actor, original.Role, original.Action,
                original.EntityType, original.EntityId, original.PatientId, original.IpAddress, original.Outcome, original.Detail);
            var forged = AuditChain.Seal(record, original.Sequence, previous);
            await db.Database.ExecuteSqlAsync(
                $"UPDATE \"AuditEntries\" SET \"Actor\" = {forged.Actor}, \"PreviousHash\" = {forged.PreviousHash}, \"Hash\" = {forged.Hash} WHERE \"ChainId\" = {chain} AND \"Sequence\" = {forged.Sequence}");
            previous = forged.Hash;
        }

        await db.Database.ExecuteSqlAsync($"UPDATE \"AuditChainHeads\" SET \"LastHash\" = {previous} WHERE \"ChainId\" = {chain}");
    }
}

public sealed class AuditCheckpointSqliteTests(SqliteApp app) : AuditCheckpointTests(app), IClassFixture<SqliteApp>
{
    protected override string DisableAppendOnlySql => "DROP TRIGGER audit_entries_no_update;";
}

public sealed class AuditCheckpointPostgreSqlTests(PostgreSqlApp app) : AuditCheckpointTests(app), IClassFixture<PostgreSqlApp>
{
    protected override string DisableAppendOnlySql => "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER;";
}
