using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Data;

/// <summary>The production store.</summary>
public sealed class PostgreSqlTactusDbContext(
    DbContextOptions<PostgreSqlTactusDbContext> options, AccessScope scope, ReadAuditBuffer readAudit, TimeProvider time)
    : TactusDbContext(options, scope, readAudit, time);
