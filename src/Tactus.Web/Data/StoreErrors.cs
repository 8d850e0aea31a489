using Microsoft.EntityFrameworkCore;

namespace Tactus.Web.Data;

/// <summary>What a failed write means, the same question asked of both stores.</summary>
public static class StoreErrors
{
    /// <summary>
    /// A unique key refused the row (PostgreSQL 23505; SQLite's constraint error 19, extended 1555 primary key or 2067
    /// unique), or PostgreSQL ended the transaction as a deadlock (40P01) while two writers waited on each other's keys.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        Npgsql.PostgresException postgres => postgres.SqlState is "23505" or "40P01",
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };
}
