using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Tests.Infrastructure;

/// <summary>
/// An empty database with no application around it, for tests that migrate step by step: seed rows as an older
/// version stored them, migrate the rest of the way, and check what the upgrade made of them.
/// </summary>
public abstract class MigrationDatabase : IAsyncLifetime
{
    public abstract Task<TactusDbContext> CreateContextAsync();

    /// <summary>An instant as this store keeps it, for raw INSERTs (UTC ticks on SQLite).</summary>
    public abstract object Stored(DateTimeOffset instant);

    /// <summary>Turns foreign-key checks off for the connection, so rows can be seeded without their parents.</summary>
    public abstract string ForeignKeysOff { get; }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;
    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;

    protected static AccessScope SystemScope()
    {
        var scope = new AccessScope(new HttpContextAccessor());
        scope.UseSystem("migration-test");
        return scope;
    }
}

public sealed class SqliteMigrationDatabase : MigrationDatabase
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tactus-migration-").FullName;

    public override string ForeignKeysOff => "PRAGMA foreign_keys = OFF";

    public override object Stored(DateTimeOffset instant) => instant.UtcTicks;

    public override Task<TactusDbContext> CreateContextAsync() => Task.FromResult<TactusDbContext>(new SqliteTactusDbContext(
        new DbContextOptionsBuilder<SqliteTactusDbContext>().UseSqlite($"Data Source={Path.Combine(_folder, "t.db")};Pooling=false").Options,
        SystemScope(), new ReadAuditBuffer(), TimeProvider.System));

    public override ValueTask DisposeAsync()
    {
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgreSqlMigrationDatabase : MigrationDatabase
{
    private string _connectionString = "";

    public override string ForeignKeysOff => "SET session_replication_role = replica";

    public override object Stored(DateTimeOffset instant) => instant;

    public override async ValueTask InitializeAsync() => _connectionString = await TestPostgres.CreateDatabaseAsync();

    public override async ValueTask DisposeAsync() => await TestPostgres.DropDatabaseAsync(_connectionString);

    public override Task<TactusDbContext> CreateContextAsync() => Task.FromResult<TactusDbContext>(new PostgreSqlTactusDbContext(
        new DbContextOptionsBuilder<PostgreSqlTactusDbContext>().UseNpgsql(_connectionString).Options,
        SystemScope(), new ReadAuditBuffer(), TimeProvider.System));
}
