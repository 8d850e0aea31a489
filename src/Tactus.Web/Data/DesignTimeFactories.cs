using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Data;

/// <summary>
/// Lets `dotnet ef migrations add X --context SqliteTactusDbContext|PostgreSqlTactusDbContext` build
/// each provider's model without a running host or a reachable database.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTactusDbContext>
{
    public SqliteTactusDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteTactusDbContext>().UseSqlite(StoreSelection.DefaultSqlite).Options,
        new AccessScope(new HttpContextAccessor()), new ReadAuditBuffer(), TimeProvider.System);
}

public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlTactusDbContext>
{
    public PostgreSqlTactusDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgreSqlTactusDbContext>().UseNpgsql("Host=localhost;Database=tactus_design").Options,
        new AccessScope(new HttpContextAccessor()), new ReadAuditBuffer(), TimeProvider.System);
}
