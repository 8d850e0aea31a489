using Microsoft.Data.Sqlite;
using Npgsql;

namespace Tactus.Tests.Infrastructure;

/// <summary>
/// One database per store, migrated and seeded with both clinics once per test run; every test class starts from a
/// copy (a file copy on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL). Migrating and seeding is the same
/// work for every class, and it was most of a small class's time.
/// </summary>
public static class TemplateDatabases
{
    private static readonly Lazy<Task<string>> Sqlite = new(() => BuildAsync(TestStore.Sqlite));
    private static readonly Lazy<Task<string>> PostgreSql = new(() => BuildAsync(TestStore.PostgreSql));

    /// <summary>The template's file (SQLite) or database name (PostgreSQL).</summary>
    public static Task<string> ForAsync(TestStore store) => store == TestStore.Sqlite ? Sqlite.Value : PostgreSql.Value;

    private static async Task<string> BuildAsync(TestStore store)
    {
        var builder = new TemplateBuilder(store) { KeepDatabase = true };
        await builder.InitializeAsync();
        var connectionString = builder.ConnectionString;
        await builder.DisposeAsync();
        if (store == TestStore.PostgreSql)
        {
            // CREATE DATABASE … TEMPLATE needs the template to have no open session.
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
            AppDomain.CurrentDomain.ProcessExit += (_, _) => TestPostgres.DropDatabaseAsync(
                new NpgsqlConnectionStringBuilder(connectionString).ConnectionString).GetAwaiter().GetResult();
            return name;
        }

        // Fold the write-ahead log into the file, so the file alone is the whole database.
        await using (var connection = new SqliteConnection(connectionString + ";Pooling=false"))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearPool(new SqliteConnection(connectionString));
        var file = new SqliteConnectionStringBuilder(connectionString).DataSource;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
        return file;
    }

    private sealed class TemplateBuilder(TestStore store) : TactusApp(store)
    {
        protected override bool FromTemplate => false;
    }
}
