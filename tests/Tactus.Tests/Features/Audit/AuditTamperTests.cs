using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Tests.Features.Audit;

/// <summary>
/// SR-14 against the real stores: the store refuses to change or delete an audit row, and when
/// someone with the power to bypass that (a database owner) does it anyway, verification finds it.
/// One test per fixture, because it breaks the chain on purpose.
/// </summary>
public abstract class AuditTamperTests(TactusApp app)
{
    protected abstract string DisableAppendOnlySql { get; }

    [Fact]
    public async Task Tampering_IsRefusedByTheStoreAndFoundByVerification()
    {
        var client = await app.AsAsync(Roles.Manager);
        await client.GetAsync("/api/patients");
        var target = await app.WithDbAsync(db => db.AuditEntries.OrderBy(e => e.Sequence).Skip(5).Select(e => e.Sequence).FirstAsync());

        var update = await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = 'someone-else' WHERE \"Sequence\" = {target}")));
        var delete = await Record.ExceptionAsync(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {target}")));
        var intactBefore = await app.WithDbAsync(db => AuditVerifier.VerifyAllAsync(db, app.CheckpointKeyOf()));

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(DisableAppendOnlySql));
        await app.WithDbAsync(db =>
            db.Database.ExecuteSqlAsync($"UPDATE \"AuditEntries\" SET \"Actor\" = 'someone-else' WHERE \"Sequence\" = {target}"));
        var afterTampering = await app.WithDbAsync(db => AuditVerifier.VerifyAllAsync(db, app.CheckpointKeyOf()));
        var admin = await app.AsAsync(Roles.Administrator);
        var page = await admin.PostFormAsync("/Audit", [], "/Audit?handler=Verify");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message, StringComparison.Ordinal);
        Assert.True(intactBefore.IsIntact, intactBefore.ToString());
        Assert.False(afterTampering.IsIntact);
        Assert.Equal(target, afterTampering.FirstBrokenSequence);
        Assert.Contains($"BROKEN at entry {target}", html, StringComparison.Ordinal);
    }
}

public sealed class AuditTamperSqliteTests(SqliteApp app) : AuditTamperTests(app), IClassFixture<SqliteApp>
{
    protected override string DisableAppendOnlySql => "DROP TRIGGER audit_entries_no_update;";
}

public sealed class AuditTamperPostgreSqlTests(PostgreSqlApp app) : AuditTamperTests(app), IClassFixture<PostgreSqlApp>
{
    protected override string DisableAppendOnlySql => "ALTER TABLE \"AuditEntries\" DISABLE TRIGGER USER;";
}
