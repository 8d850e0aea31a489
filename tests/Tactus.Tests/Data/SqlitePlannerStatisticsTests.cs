using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;

namespace Tactus.Tests.Data;

/// <summary>
/// SQLite plans every database as it must plan a large clinic's: without statistics it guessed that
/// "OrganizationId = @org" matches ten rows and walked a whole organisation's patients to find the three on a
/// work-list page (300 ms at 100,000 patients, measured with bench/api.sh).
/// </summary>
public sealed class SqlitePlannerStatisticsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "EXPLAIN of SQL that EF generated in this test.")]
    public async Task PatientsOnAPage_AreFoundByTheirKeys_NotByWalkingTheOrganization()
    {
        var plan = await app.WithDbAsync(async db =>
        {
            var organizationId = await db.Organizations.Select(o => o.Id).FirstAsync();
            var ids = await db.Patients.IgnoreQueryFilters().Select(p => p.Id).Take(3).ToListAsync();
            var query = db.Patients.Where(p => ids.Contains(p.Id)).IgnoreQueryFilters().Where(p => p.OrganizationId == organizationId);
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            try
            {
                await using var command = query.CreateDbCommand();
                command.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
                await using var reader = await command.ExecuteReaderAsync();
                var details = new List<string>();
                while (await reader.ReadAsync())
                {
                    details.Add(reader.GetString(3));
                }

                return string.Join(" | ", details);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        });

        Assert.Contains("(Id=?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("(OrganizationId=?)", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "OrganizationId", "FamilyKey", "GivenKey" }, false, "1000000 100000 10000 1000")]
    [InlineData(new[] { "Id" }, true, "1000000 1")]
    [InlineData(new[] { "OrganizationId", "Mrn" }, true, "1000000 100000 1")]
    [InlineData(new[] { "PatientId", "UserId" }, true, "1000000 20 1")]
    public void Figures_FollowTheShapeOfALargeClinic(string[] columns, bool unique, string expected)
    {
        Assert.Equal(expected, SqlitePlannerStatistics.Stat(columns, unique));
    }
}
