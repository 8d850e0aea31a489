using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Tactus.Tests.Infrastructure;

/// <summary>A SELECT the application sent, with its parameter values, to be explained afterwards.</summary>
public sealed record RecordedQuery(string Sql, IReadOnlyList<(string Name, object? Value, DbType Type)> Parameters);

/// <summary>Records every query the application sends while recording is on (the tests' own reads are not recorded).</summary>
public sealed class QueryRecorder : DbCommandInterceptor
{
    private readonly ConcurrentQueue<RecordedQuery> _queries = new();
    private volatile bool _recording;

    public void Start()
    {
        _queries.Clear();
        _recording = true;
    }

    public IReadOnlyList<RecordedQuery> Stop()
    {
        _recording = false;
        return _queries.ToList();
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        var text = command.CommandText.TrimStart();
        if (_recording && (text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)))
        {
            _queries.Enqueue(new RecordedQuery(command.CommandText,
                command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value, p.DbType)).ToList()));
        }
    }
}

/// <summary>
/// Asks the store how it would run a recorded query and names every full scan of a table listed: SQLite's
/// <c>EXPLAIN QUERY PLAN</c> "SCAN t" (with or without an index: a full index walk reads every row too), and
/// PostgreSQL's <c>EXPLAIN</c> with sequential scans priced out, so a "Seq Scan" or an index scan without an index
/// condition means no index can serve the predicate at all (a tiny test table would otherwise be scanned anyway).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Explains SQL the application itself generated, in a test.")]
public static class QueryPlans
{
    public static async Task<IReadOnlyList<string>> FullScansAsync(TestStore store, string connectionString, RecordedQuery query, IReadOnlySet<string> tables)
    {
        return store == TestStore.Sqlite
            ? await SqliteFullScansAsync(connectionString, query, tables)
            : await PostgresFullScansAsync(connectionString, query, tables);
    }

    private static async Task<IReadOnlyList<string>> SqliteFullScansAsync(string connectionString, RecordedQuery query, IReadOnlySet<string> tables)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query.Sql;
        foreach (var (name, value, type) in query.Parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, value ?? DBNull.Value) { DbType = type });
        }

        var scans = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var detail = reader.GetString(3);
            // "SCAN Patients", "SCAN p", "SCAN Patients USING INDEX ...": the word after SCAN is the table (or alias).
            if (detail.StartsWith("SCAN ", StringComparison.Ordinal))
            {
                var table = detail["SCAN ".Length..].Split(' ')[0];
                if (tables.Contains(table) || tables.Contains(AliasTable(query.Sql, table)))
                {
                    scans.Add(detail);
                }
            }
        }

        return scans;
    }

    /// <summary>The steps of SQLite's plan for the query, as EXPLAIN QUERY PLAN words them.</summary>
    public static async Task<IReadOnlyList<string>> SqlitePlanAsync(string connectionString, RecordedQuery query)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query.Sql;
        foreach (var (name, value, type) in query.Parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, value ?? DBNull.Value) { DbType = type });
        }

        var steps = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            steps.Add(reader.GetString(3));
        }

        return steps;
    }

    private static async Task<IReadOnlyList<string>> PostgresFullScansAsync(string connectionString, RecordedQuery query, IReadOnlySet<string> tables)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN (FORMAT JSON) " + query.Sql, connection);
        foreach (var (name, value, type) in query.Parameters)
        {
            command.Parameters.Add(new NpgsqlParameter(name, value ?? DBNull.Value) { DbType = type });
        }

        var json = (string)(await command.ExecuteScalarAsync())!;
        var scans = new List<string>();
        using var document = JsonDocument.Parse(json);
        Walk(document.RootElement[0].GetProperty("Plan"), tables, scans, underLimit: false);
        return scans;
    }

    /// <remarks>
    /// An index walked in order under a LIMIT (newest 50 audit entries by sequence) stops early: the planner may pick
    /// the primary key for it over the (organisation, sequence) index when the table is tiny, so it is not a full walk.
    /// </remarks>
    private static void Walk(JsonElement node, IReadOnlySet<string> tables, List<string> scans, bool underLimit)
    {
        var type = node.GetProperty("Node Type").GetString();
        // Below a sort, an aggregate or a hash the whole input is read, LIMIT or not.
        underLimit = type == "Limit" || (underLimit && type is not ("Sort" or "Incremental Sort" or "Aggregate" or "Hash" or "Materialize"));
        if (node.TryGetProperty("Relation Name", out var relation) && tables.Contains(relation.GetString()!))
        {
            var fullIndexWalk = type is "Index Scan" or "Index Only Scan" && !node.TryGetProperty("Index Cond", out _) && !underLimit;
            if (type == "Seq Scan" || fullIndexWalk)
            {
                scans.Add($"{type} on {relation.GetString()}" + (node.TryGetProperty("Filter", out var filter) ? $" (filter {filter.GetString()})" : ""));
            }
        }

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray())
            {
                Walk(child, tables, scans, underLimit);
            }
        }
    }

    /// <summary>EF writes <c>FROM "Patients" AS "p"</c>; SQLite's plan may name the alias.</summary>
    private static string AliasTable(string sql, string alias)
    {
        var marker = $" AS \"{alias}\"";
        var at = sql.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return alias;
        }

        var end = at - 1;
        var start = sql.LastIndexOf('"', end - 1);
        return start < 0 ? alias : sql[(start + 1)..end];
    }
}
