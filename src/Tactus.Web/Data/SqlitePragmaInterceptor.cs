using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tactus.Web.Data;

/// <summary>
/// Per-connection SQLite settings, applied once per physical connection: the pool hands the same native handle
/// out again, and the settings live on it, so running them on every open (every request) was repeated work. synchronous=FULL makes every acknowledged commit survive power
/// loss in WAL mode (with NORMAL it may not; SR-27). busy_timeout lets writers queue instead of failing.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>Stateless; shared for the same reason as ReadAuditGuard.Instance.</summary>
    public static readonly SqlitePragmaInterceptor Instance = new();

    private SqlitePragmaInterceptor()
    {
    }

    private const string Pragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";

    /// <summary>Native handles already configured; weak, so a handle the pool closes is forgotten with it.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> Configured = new();

    private static bool FirstOpen(DbConnection connection) =>
        connection is not Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle } || Configured.TryAdd(handle, Configured);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (!FirstOpen(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        if (!FirstOpen(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
