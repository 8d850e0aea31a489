using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Tactus.Web.Data;

/// <summary>
/// Writes new entities (and their owned collections) straight to their tables, bypassing the change tracker: binary
/// COPY on PostgreSQL, multi-row INSERTs on SQLite. Every value goes through the model's own type mapping and
/// converter, so rows are stored exactly as EF stores them. For volume loads only (generate): nothing here is
/// audited row by row, so the caller records one audit entry for the load, inside the caller's transaction.
/// </summary>
public static class BulkInsert
{
    public static Task WriteAsync<T>(TactusDbContext db, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class =>
        WriteAsync(db, db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model."),
            [.. rows.Select(r => new Row(r, null))], cancellationToken);

    private sealed record Row(object Entity, object? Owner);

    private sealed record Column(string Name, RelationalTypeMapping Mapping, bool Nullable, Func<Row, object?> Value);

    private static async Task WriteAsync(TactusDbContext db, IEntityType type, IReadOnlyList<Row> rows, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk load runs inside the caller's transaction, with its audit entry.");
        }

        if (rows.Count > 0)
        {
            var table = type.GetTableName()!;
            var columns = ColumnsOf(type, StoreObjectIdentifier.Table(table, type.GetSchema()));
            if (db.Database.GetDbConnection() is NpgsqlConnection npgsql)
            {
                await CopyAsync(npgsql, table, columns, rows, cancellationToken);
            }
            else
            {
                await InsertAsync(db, table, columns, rows, cancellationToken);
            }
        }

        foreach (var navigation in type.GetNavigations().Where(n => n.IsCollection && n.TargetEntityType.IsOwned() && n.ForeignKey.IsOwnership))
        {
            var getter = navigation.GetGetter();
            var children = rows.SelectMany(r => ((IEnumerable?)getter.GetClrValue(r.Entity) ?? Array.Empty<object>()).Cast<object>()
                .Select(child => new Row(child, r.Entity))).ToList();
            await WriteAsync(db, navigation.TargetEntityType, children, cancellationToken);
        }
    }

    /// <summary>Each mapped column with how to read its value: the property itself, or for an owned row's foreign key, the owner's key.</summary>
    private static List<Column> ColumnsOf(IEntityType type, StoreObjectIdentifier table)
    {
        var ownership = type.FindOwnership();
        return [.. type.GetProperties().Select(property =>
        {
            var mapping = property.GetRelationalTypeMapping();
            var name = property.GetColumnName(table) ?? throw new InvalidOperationException($"{type.DisplayName()}.{property.Name} has no column.");
            if (!property.IsShadowProperty())
            {
                var getter = property.GetGetter();
                return new Column(name, mapping, property.IsNullable, row => getter.GetClrValue(row.Entity));
            }

            var index = ownership?.Properties.ToList().IndexOf((IProperty)property) ?? -1;
            if (index < 0)
            {
                throw new NotSupportedException($"{type.DisplayName()}.{property.Name} is a shadow property a bulk load cannot fill.");
            }

            var ownerKey = ownership!.PrincipalKey.Properties[index].GetGetter();
            return new Column(name, mapping, property.IsNullable, row => ownerKey.GetClrValue(row.Owner!));
        })];
    }

    private static async Task CopyAsync(NpgsqlConnection connection, string table, List<Column> columns, IReadOnlyList<Row> rows,
        CancellationToken cancellationToken)
    {
        var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)";
        await using var importer = await connection.BeginBinaryImportAsync(copy, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            foreach (var column in columns)
            {
                var value = column.Value(row);
                var stored = value is null ? null : column.Mapping.Converter?.ConvertToProvider(value) ?? value;
                if (stored is null)
                {
                    await importer.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await importer.WriteAsync(stored, column.Mapping.StoreTypeNameBase, cancellationToken);
                }
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// One prepared single-row INSERT per table, executed for every row: SQLite keeps the statement compiled while
    /// the command text stays the same, and binding a row's twenty values by name is cheap, whereas a multi-row
    /// statement is compiled again for each chunk and finds each of its hundreds of parameters by a linear search.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100",
        Justification = "The text holds only the model's table and column names and generated parameter names; every value is a parameter.")]
    private static async Task InsertAsync(TactusDbContext db, string table, List<Column> columns, IReadOnlyList<Row> rows,
        CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        var names = columns.Select((_, i) => $"@b{i}").ToArray();
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", names)})";
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            for (var column = 0; column < columns.Count; column++)
            {
                // Through the model's mapping, so each value is bound exactly as EF binds it (converters, GUID and date text).
                command.Parameters.Add(columns[column].Mapping.CreateParameter(command, names[column], columns[column].Value(row), columns[column].Nullable));
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
