using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;
using Tactus.Web.Features.Billing;
using Tactus.Web.Features.Claims;

namespace Tactus.Tests.Data;

/// <summary>
/// An installation upgraded to money in whole cents keeps every amount to the cent: charges, payments and the
/// patient's share are converted, and what the payer adjusted away and the balance still owed are worked out from the
/// lines already posted (a remittance posted before the upgrade is not lost from the desk's aging and totals).
/// </summary>
public abstract class ClaimMoneyMigrationTests(MigrationDatabase store)
{
    private const string LastDecimalMigration = "VisitCodingAndSecondaryClaimIndexes";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task DecimalAmounts_BecomeCents_AndTheBalanceFollowsThePostedLines()
    {
        await using var db = await store.CreateContextAsync();
        await db.GetService<IMigrator>().MigrateAsync(LastDecimalMigration);
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync(store.ForeignKeysOff);
        var (organization, claimId, codingId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var day = new DateOnly(2026, 11, 2);
        ClaimLine[] lines =
        [
            new(1, codingId, day, "97124", ["GP"], 2, 100.00m, [1])
            {
                Paid = 60.10m, Adjustments = [new LineAdjustment("CO", "45", 29.90m, null), new LineAdjustment("PR", "1", 10.00m, null)],
            },
            new(2, codingId, day, "97140", ["GP"], 1, 50.00m, [1]) { Paid = 0m, Adjustments = [new LineAdjustment("OA", "23", 20.00m, null)] },
        ];
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "Claims" ("Id", "OrganizationId", "PatientId", "CoverageId", "PayerId", "ClaimNumber", "Status", "HoldReasons", "Lines",
                "Diagnoses", "VisitCodingIds", "RenderingTherapistId", "PlaceOfService", "FromDate", "ToDate", "TotalCharge", "Paid",
                "PatientResponsibility", "CreatedAt", "StatusChanges")
            VALUES ({0}, {1}, {2}, {3}, {4}, 'TC1', 'PartlyPaid', '[]', {5}, '[]', '[]', {6}, '11', {7}, {7}, {8}, {9}, {10}, {11}, '[]')
            """,
            claimId, organization, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), JsonSerializer.Serialize(lines, Json), Guid.NewGuid(), day,
            150.00m, 60.10m, 10.00m, store.Stored(new DateTimeOffset(2026, 11, 3, 9, 0, 0, TimeSpan.Zero)));
        CodedLine[] coded =
        [
            new("97124", 30, 2, ["GP"], [1], 50m, 100m, ["back"], ["effleurage"]),
            new("97140", 15, 1, ["GP"], [1], 50m, 50m, ["neck"], ["myofascial release"]),
            new("97010", 10, 0, [], [1], 0m, 0m, [], ["hot pack"]),
        ];
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO "VisitCodings" ("Id", "OrganizationId", "PatientId", "SessionId", "ReferralId", "TherapistId", "ServiceDate", "UnitRule",
                "Status", "Lines", "Diagnoses", "Reasoning", "Warnings", "Adjustments", "CreatedAt")
            VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, 'Cms', 'Claimed', {7}, '[]', '[]', '[]', '[]', {8})
            """,
            codingId, organization, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), day, JsonSerializer.Serialize(coded, Json),
            store.Stored(new DateTimeOffset(2026, 11, 2, 17, 0, 0, TimeSpan.Zero)));

        await db.Database.MigrateAsync();
        await db.Database.CloseConnectionAsync();
        var claim = await db.Claims.IgnoreQueryFilters().AsNoTracking().SingleAsync(c => c.Id == claimId);
        var coding = await db.VisitCodings.IgnoreQueryFilters().AsNoTracking().SingleAsync(v => v.Id == codingId);

        Assert.Equal((15000L, 6010L, 1000L), (claim.TotalChargeCents, claim.PaidCents, claim.PatientResponsibilityCents));
        Assert.Equal(4990L, claim.AdjustedCents); // CO 29.90 + OA 20.00; the PR 10.00 is the patient's share, counted once.
        Assert.Equal(15000L - 6010 - 1000 - 4990, claim.OutstandingCents);
        Assert.Equal(30.00m, claim.Outstanding);
        Assert.Equal(3, coding.BillableUnits);
    }
}

public sealed class ClaimMoneyMigrationSqliteTests(SqliteMigrationDatabase store) : ClaimMoneyMigrationTests(store), IClassFixture<SqliteMigrationDatabase>;

public sealed class ClaimMoneyMigrationPostgreSqlTests(PostgreSqlMigrationDatabase store) : ClaimMoneyMigrationTests(store), IClassFixture<PostgreSqlMigrationDatabase>;
