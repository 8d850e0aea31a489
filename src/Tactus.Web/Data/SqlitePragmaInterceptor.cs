using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tactus.Web.Data;

/// <summary>
/// Per-connection SQLite settings. synchronous=FULL makes every acknowledged commit survive power
/// loss in WAL mode (with NORMAL it may not; SR-27). busy_timeout lets writers queue instead of failing.
/// </summary>
public sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    /// <summary>Stateless; shared for the same reason as ReadAuditInterceptor.Instance.</summary>
    public static readonly SqlitePragmaInterceptor Instance = new();

    private SqlitePragmaInterceptor()
    {
    }

    private const string Pragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
