using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Tactus.Web.Data;

/// <summary>
/// Tells SQLite's planner the shape of a large clinic, so it plans every database the way it must plan a big one.
/// Without statistics SQLite guesses that an equality on any indexed column matches about ten rows, so
/// "OrganizationId = @org AND Id IN (a, b, c)" walked the whole organisation through an (OrganizationId, …) index
/// instead of three primary-key lookups: 300 ms per work-list page at 100,000 patients. Real ANALYZE figures on a
/// small database would plan differently again (scan the tiny table), so the figures are written from the schema
/// (sqlite_stat1 may be written by hand; https://www.sqlite.org/fileformat2.html#stat1tab): a million rows per table,
/// a hundred thousand per organisation, a few per patient, one per unique key. Rewritten at every start, after
/// the migrations, so new indexes get figures too.
/// </summary>
public static class SqlitePlannerStatistics
{
    private const long TableRows = 1_000_000;
    private const long RowsPerOrganization = 100_000;
    private const long RowsPerPatient = 20;

    public static async Task WriteAsync(SqliteConnection connection, CancellationToken cancellationToken = default)
    {
        var indexes = new List<(string Table, string Index, bool Unique, List<string> Columns)>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = """
                SELECT m.name, il.name, il."unique", ii.name
                FROM sqlite_schema AS m, pragma_index_list(m.name) AS il, pragma_index_info(il.name) AS ii
                WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'
                ORDER BY m.name, il.name, ii.seqno
                """;
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var (table, index) = (reader.GetString(0), reader.GetString(1));
                if (indexes.Count == 0 || indexes[^1].Index != index || indexes[^1].Table != table)
                {
                    indexes.Add((table, index, reader.GetInt64(2) == 1, []));
                }

                indexes[^1].Columns.Add(reader.IsDBNull(3) ? "" : reader.GetString(3));
            }
        }

        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var create = connection.CreateCommand())
        {
            // ANALYZE of the tiny migrations table creates sqlite_stat1 without reading any large table.
            create.CommandText = "ANALYZE \"__EFMigrationsHistory\"; DELETE FROM sqlite_stat1;";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var (table, index, unique, columns) in indexes)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ($table, $index, $stat)";
            insert.Parameters.AddWithValue("$table", table);
            insert.Parameters.AddWithValue("$index", index);
            insert.Parameters.AddWithValue("$stat", Stat(columns, unique));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await using (var reload = connection.CreateCommand())
        {
            reload.CommandText = "ANALYZE sqlite_schema;";
            await reload.ExecuteNonQueryAsync(cancellationToken);
        }

        // Connections of this database opened before (the migrations') planned with the old figures; its pool starts afresh.
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>"rows avg1 avg2 …": how many rows an equality on the first k columns matches, never increasing.</summary>
    public static string Stat(IReadOnlyList<string> columns, bool unique)
    {
        var figures = new List<long> { TableRows };
        var rows = TableRows;
        for (var k = 0; k < columns.Count; k++)
        {
            rows = columns[k] switch
            {
                _ when unique && k == columns.Count - 1 => 1,
                "Id" or "Sequence" => 1,
                "OrganizationId" or "ChainId" => Math.Min(rows, RowsPerOrganization),
                "PatientId" => Math.Min(rows, RowsPerPatient),
                _ => Math.Max(1, rows / 10),
            };
            figures.Add(rows);
        }

        return string.Join(' ', figures.Select(f => f.ToString(CultureInfo.InvariantCulture)));
    }
}
