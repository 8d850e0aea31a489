using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;

namespace Tactus.Tests.Data;

/// <summary>
/// The billing lookups that run for every claim use their own index, not the organisation's: the payer's yearly
/// visit limit (a patient's coded visits with one payer in a year, checked for each claim's holds) and the
/// secondary claim of a primary (checked before a secondary is made). Explained on each store with the query EF sends.
/// </summary>
public abstract class BillingLookupPlanTests(TactusApp app)
{
    [Fact]
    public async Task VisitsWithOnePayerThisYear_UseThePatientPayerDateIndex()
    {
        var plan = await app.WithDbAsync(db =>
        {
            var (patientId, payerId) = (Guid.NewGuid(), (Guid?)Guid.NewGuid());
            var (from, to) = (new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));
            return ExplainAsync(db, db.VisitCodings.Where(v => v.PatientId == patientId && v.PayerId == payerId
                && v.ServiceDate >= from && v.ServiceDate <= to).Select(v => v.Id));
        });

        Assert.Contains("IX_VisitCodings_PatientId_PayerId_ServiceDate", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondaryOfAPrimaryClaim_UsesThePrimaryClaimIndex()
    {
        var plan = await app.WithDbAsync(db =>
        {
            var primary = (Guid?)Guid.NewGuid();
            return ExplainAsync(db, db.Claims.Where(c => c.PrimaryClaimId == primary).Select(c => c.Id));
        });

        Assert.Contains("IX_Claims_PrimaryClaimId", plan, StringComparison.Ordinal);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "EXPLAIN of SQL that EF generated in this test.")]
    private async Task<string> ExplainAsync<T>(TactusDbContext db, IQueryable<T> query)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            if (app.Store == TestStore.PostgreSql)
            {
                // Tiny test tables make a sequential scan cheapest; priced out, the planner shows which index it would use.
                await db.Database.ExecuteSqlRawAsync("SET enable_seqscan = off");
            }

            await using var command = query.CreateDbCommand();
            command.CommandText = (app.Store == TestStore.PostgreSql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
            }

            return string.Join("\n", lines);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}

public sealed class BillingLookupPlanSqliteTests(SqliteApp app) : BillingLookupPlanTests(app), IClassFixture<SqliteApp>;

public sealed class BillingLookupPlanPostgreSqlTests(PostgreSqlApp app) : BillingLookupPlanTests(app), IClassFixture<PostgreSqlApp>;
