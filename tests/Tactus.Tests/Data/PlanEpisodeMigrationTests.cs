using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tactus.Tests.Infrastructure;

namespace Tactus.Tests.Data;

/// <summary>
/// An installation upgraded to stored episode state keeps its plans work-list: plans of referrals still open stay on
/// it, plans of discharged, cancelled and declined referrals leave it (they needed no action before the upgrade either).
/// </summary>
public abstract class PlanEpisodeMigrationTests(MigrationDatabase store)
{
    private const string BeforeEpisodeState = "PatientNameWords";

    /// <summary>
    /// Also: each plan's next action falls due as before the upgrade: a draft's and a signed plan's at once, a certified
    /// plan's re-certification the day after its date, or already when its visits reached the limit.
    /// </summary>
    [Fact]
    public async Task ExistingPlans_AreOpenExactlyWhileTheirReferralIs_AndDueAsBefore()
    {
        await using var db = await store.CreateContextAsync();
        await db.GetService<IMigrator>().MigrateAsync(BeforeEpisodeState);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync(store.ForeignKeysOff);
        var organization = Guid.NewGuid();
        var plans = new Dictionary<string, Guid>();
        // The techniques column is a text array on PostgreSQL and JSON text on SQLite.
        object noTechniques = db.Database.IsNpgsql() ? Array.Empty<string>() : "[]";
        var recertifyBy = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(200);
        foreach (var status in new[] { "InProgress", "OnHold", "Discharged", "Cancelled", "Declined" })
        {
            var (referralId, planId) = (Guid.NewGuid(), Guid.NewGuid());
            plans[status] = planId;
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Referrals" ("Id", "OrganizationId", "PatientId", "ReferringClinicianId", "EnteredById", "Reason", "VisitsRequested",
                    "Urgency", "Status", "CreatedAt")
                VALUES ({0}, {1}, {2}, {3}, {3}, 'Low back pain', 8, 'Routine', {4}, {5})
                """,
                referralId, organization, Guid.NewGuid(), Guid.NewGuid(), status, store.Stored(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero)));
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Plans" ("Id", "OrganizationId", "PatientId", "ReferralId", "AuthorId", "SessionsPerWeek", "Weeks", "Techniques",
                    "CreatedAt", "Status", "RecertifyAfterVisits", "ReportEveryVisits", "ReportEveryDays", "RecertifyBy", "SignedVisits")
                VALUES ({0}, {1}, {2}, {3}, {4}, 1, 8, {6}, {5}, 'Certified', 10, 4, 0, {7}, {8})
                """,
                planId, organization, Guid.NewGuid(), referralId, Guid.NewGuid(), store.Stored(new DateTimeOffset(2026, 10, 2, 9, 0, 0, TimeSpan.Zero)),
                noTechniques, recertifyBy, status == "OnHold" ? 10 : 3);
        }

        var (openReferral, draftPlan, signedPlan) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "Referrals" ("Id", "OrganizationId", "PatientId", "ReferringClinicianId", "EnteredById", "Reason", "VisitsRequested",
                "Urgency", "Status", "CreatedAt")
            VALUES ({0}, {1}, {2}, {3}, {3}, 'Neck pain', 6, 'Routine', 'Accepted', {4})
            """,
            openReferral, organization, Guid.NewGuid(), Guid.NewGuid(), store.Stored(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero)));
        foreach (var (planId, status) in new[] { (draftPlan, "Draft"), (signedPlan, "Signed") })
        {
            // A signed plan's signature, 5 November; a draft has none (the column stays NULL).
            await db.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Plans" ("Id", "OrganizationId", "PatientId", "ReferralId", "AuthorId", "SessionsPerWeek", "Weeks", "Techniques",
                    "CreatedAt", "Status", "RecertifyAfterVisits", "ReportEveryVisits", "ReportEveryDays")
                VALUES ({0}, {1}, {2}, {3}, {4}, 1, 8, {5}, {6}, {7}, 10, 4, 0)
                """,
                planId, organization, Guid.NewGuid(), openReferral, Guid.NewGuid(), noTechniques,
                store.Stored(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero)), status);
        }

        await db.Database.ExecuteSqlRawAsync("""UPDATE "Plans" SET "SignedAt" = {0} WHERE "Id" = {1}""",
            store.Stored(new DateTimeOffset(2026, 11, 5, 15, 0, 0, TimeSpan.Zero)), signedPlan);

        await db.Database.MigrateAsync();
        await db.Database.CloseConnectionAsync();
        var open = await db.Plans.IgnoreQueryFilters().AsNoTracking().Where(p => p.OrganizationId == organization)
            .ToDictionaryAsync(p => p.Id, p => p.EpisodeOpen);
        var dueOn = await db.Plans.IgnoreQueryFilters().AsNoTracking().Where(p => p.OrganizationId == organization)
            .ToDictionaryAsync(p => p.Id, p => p.ActionDueOn);

        Assert.Equal(
            new Dictionary<string, bool> { ["InProgress"] = true, ["OnHold"] = true, ["Discharged"] = false, ["Cancelled"] = false, ["Declined"] = false },
            plans.ToDictionary(p => p.Key, p => open[p.Value]));
        Assert.Equal(recertifyBy.AddDays(1), dueOn[plans["InProgress"]]);
        Assert.All(new[] { "Discharged", "Cancelled", "Declined" }, closed => Assert.Null(dueOn[plans[closed]]));
        // A draft waits on its therapist from its creation, a signed plan on the clinician from the signature.
        Assert.Equal((new DateOnly(2026, 11, 3), new DateOnly(2026, 11, 5)), (dueOn[draftPlan], dueOn[signedPlan]));
        // Ten of ten visits given: due already, at the latest on the day of the upgrade.
        Assert.True(dueOn[plans["OnHold"]] <= DateOnly.FromDateTime(DateTime.UtcNow), $"due on {dueOn[plans["OnHold"]]}");
    }
}

public sealed class PlanEpisodeMigrationSqliteTests(SqliteMigrationDatabase store) : PlanEpisodeMigrationTests(store), IClassFixture<SqliteMigrationDatabase>;

public sealed class PlanEpisodeMigrationPostgreSqlTests(PostgreSqlMigrationDatabase store) : PlanEpisodeMigrationTests(store), IClassFixture<PostgreSqlMigrationDatabase>;
