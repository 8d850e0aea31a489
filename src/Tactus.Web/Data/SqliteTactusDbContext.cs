using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Data;

/// <summary>The embedded store: the default for a new installation and for development.</summary>
public sealed class SqliteTactusDbContext(
    DbContextOptions<SqliteTactusDbContext> options, AccessScope scope, ReadAuditBuffer readAudit, TimeProvider time)
    : TactusDbContext(options, scope, readAudit, time)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; instants are UTC ticks instead,
        // so both stores sort and compare the same (STYLE.md, "Open points").
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}
