using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;

namespace Tactus.Tests.Data;

/// <summary>
/// SR-27: on SQLite every acknowledged commit survives power loss (synchronous=FULL in WAL mode), writers queue
/// instead of failing (busy_timeout) and foreign keys hold, on every connection the application uses, including one
/// taken again from the pool (the settings are applied once per physical connection, not on every open).
/// </summary>
public sealed class SqliteConnectionSettingsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task EveryConnection_IsDurableQueuesWritersAndEnforcesForeignKeys_AlsoWhenReusedFromThePool()
    {
        var first = await SettingsAsync();
        var reused = await SettingsAsync();

        Assert.Equal(("wal", 2L, 30000L, 1L), first);
        Assert.Equal(first, reused);
    }

    private Task<(string Journal, long Synchronous, long BusyTimeout, long ForeignKeys)> SettingsAsync() => app.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            return ((string)(await Scalar(connection, "PRAGMA journal_mode"))!, (long)(await Scalar(connection, "PRAGMA synchronous"))!,
                (long)(await Scalar(connection, "PRAGMA busy_timeout"))!, (long)(await Scalar(connection, "PRAGMA foreign_keys"))!);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    });

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Constant PRAGMA names written in this test.")]
    private static async Task<object?> Scalar(System.Data.Common.DbConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragma;
        return await command.ExecuteScalarAsync();
    }
}
