using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Data;

/// <summary>The production store.</summary>
public sealed class PostgreSqlTactusDbContext(
    DbContextOptions<PostgreSqlTactusDbContext> options, AccessScope scope, ReadAuditBuffer readAudit, TimeProvider time)
    : TactusDbContext(options, scope, readAudit, time)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Search keys and MRNs are compared as ranges (SearchKey.UpperBound): byte order, as SQLite compares, so
        // the index on them serves a prefix whatever the database's locale.
        builder.Entity<Features.Patients.Patient>().Property(p => p.GivenKey).UseCollation("C");
        builder.Entity<Features.Patients.Patient>().Property(p => p.FamilyKey).UseCollation("C");
        builder.Entity<Features.Patients.Patient>().Property(p => p.Mrn).UseCollation("C");
        builder.Entity<Features.Patients.PatientNameWord>().Property(w => w.Word).UseCollation("C");
        builder.Entity<Features.Patients.PatientNameWord>().Property(w => w.FamilyKey).UseCollation("C");
        builder.Entity<Features.Patients.PatientNameWord>().Property(w => w.GivenKey).UseCollation("C");
        builder.Entity<Features.Patients.PatientNameWord>().Property(w => w.Mrn).UseCollation("C");
    }
}
