using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;

namespace Tactus.Tests.Data;

/// <summary>Each store is fully migrated, and the operational endpoints answer on it.</summary>
public abstract class StoreTests(TactusApp app)
{
    [Fact]
    public async Task Migrations_CoverTheWholeModel()
    {
        var pending = await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges()));

        Assert.False(pending, "The model has changes without a migration: run scripts/new-migration.sh.");
    }

    [Fact]
    public async Task HealthEndpoints_AnswerWithoutSignIn()
    {
        var client = app.CreateBrowserlessClient();

        var live = await client.GetAsync("/health/live");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PatientPages_AreNeverCachedAndForbidInlineScript()
    {
        var client = await app.AsAsync(Roles.Manager);

        var response = await client.GetAsync("/Patients");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task DemoClinic_HasEveryRoleAndADozenPatients()
    {
        var demo = await app.WithDbAsync(db => db.Organizations.SingleAsync(o => o.Slug == DemoClinic.Slug));
        var roles = await app.WithDbAsync(db => db.UserRoles
            .Join(db.Users, ur => ur.UserId, u => u.Id, (ur, u) => new { ur.RoleId, u.OrganizationId })
            .Where(x => x.OrganizationId == demo.Id)
            .Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => r.Name!).Distinct().ToListAsync());
        var patients = await app.WithDbAsync(db => db.Patients.CountAsync(p => p.OrganizationId == demo.Id));

        Assert.Equal(Roles.All.Order(), roles.Order());
        Assert.True(patients >= DemoClinic.PatientCount);
    }

    [Fact]
    public async Task SyntheticClinic_SameSeed_GivesTheSamePeople()
    {
        var first = await GenerateAsync("synthetic-a", seed: 7);
        var second = await GenerateAsync("synthetic-b", seed: 7);
        var other = await GenerateAsync("synthetic-c", seed: 8);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task SyntheticClinic_PatientsArePlausible()
    {
        await GenerateAsync("synthetic-d", seed: 11, count: 200);
        var organizationId = await app.WithDbAsync(db => db.Organizations.Where(o => o.Slug == "synthetic-d").Select(o => o.Id).SingleAsync());
        var patients = await app.WithDbAsync(db => db.Patients.AsNoTracking().Include(p => p.Conditions)
            .Where(p => p.OrganizationId == organizationId).ToListAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        Assert.Equal(200, patients.Count);
        Assert.All(patients, p => Assert.InRange(p.AgeOn(today), 18, 95));
        Assert.All(patients, p => Assert.InRange(p.Conditions.Count, 1, 3));
        Assert.All(patients, p => Assert.Matches("^[0-9]{5}$", p.PostalCode!));
        Assert.Equal(200, patients.Select(p => p.Mrn).Distinct().Count());
        // Low back pain is the most common referral diagnosis in the generator's table (clinical.md §3 codes).
        var mostCommon = patients.SelectMany(p => p.Conditions).GroupBy(c => c.Code).MaxBy(g => g.Count())!.Key;
        Assert.Equal("M54.50", mostCommon);
    }

    private async Task<List<string>> GenerateAsync(string slug, int seed, int count = 20)
    {
        await using var scope = app.SystemScope();
        var db = scope.ServiceProvider.GetRequiredService<Tactus.Web.Data.TactusDbContext>();
        var organization = new Organization { Name = slug, Slug = slug };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        await SyntheticClinic.GenerateAsync(db, organization.Id, count, seed, [], app.Clock);
        return [.. (await db.Patients.AsNoTracking().Where(p => p.OrganizationId == organization.Id).OrderBy(p => p.Mrn).ToListAsync())
            .Select(p => p.GivenName + " " + p.FamilyName + " " + p.BirthDate)];
    }
}

public sealed class StoreSqliteTests(SqliteApp app) : StoreTests(app), IClassFixture<SqliteApp>;

public sealed class StorePostgreSqlTests(PostgreSqlApp app) : StoreTests(app), IClassFixture<PostgreSqlApp>;
