using System.Diagnostics.CodeAnalysis;
using Npgsql;

namespace Tactus.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL server that ./test.sh starts on 127.0.0.1. Each test class gets a
/// database of its own, dropped when the class is done.
/// </summary>
public static class TestPostgres
{
    public const string EnvironmentVariable = "TACTUS_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{EnvironmentVariable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL server.");

    [SuppressMessage("Security", "CA2100", Justification = "Database names cannot be parameters; the name is a generated GUID, never input.")]
    public static async Task<string> CreateDatabaseAsync(string? template = null)
    {
        var name = "tactus_test_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"", connection);
        await command.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    [SuppressMessage("Security", "CA2100", Justification = "Database names cannot be parameters; the name is a generated GUID, never input.")]
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
