using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Data;

/// <summary>Tactus with every query the application sends recorded, so its plan can be asked for.</summary>
public class PlanRecordingApp(TestStore store) : TactusApp(store)
{
    public QueryRecorder Recorder { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.ConfigureDbContext<SqliteTactusDbContext>(options => options.AddInterceptors(Recorder));
            services.ConfigureDbContext<PostgreSqlTactusDbContext>(options => options.AddInterceptors(Recorder));
        });
    }
}

public sealed class SqlitePlanRecordingApp() : PlanRecordingApp(TestStore.Sqlite);

public sealed class PostgreSqlPlanRecordingApp() : PlanRecordingApp(TestStore.PostgreSql);

/// <summary>
/// The hot reads of each role, as the browser and API clients send them, must reach patient data through an index:
/// scoping that compiles to a catch-all predicate, or a search on an unindexed expression, reads every patient of
/// every organisation and grows with the whole installation instead of with the answer (issue: correct and fast at
/// any size). Every SELECT the request sends is explained on the store it ran on.
/// </summary>
public abstract class QueryPlanTests(PlanRecordingApp app)
{
    public static TheoryData<string, string> HotReads => new()
    {
        { Roles.Therapist, "/api/patients/{care-team-patient}" },
        { Roles.Therapist, "/api/patients?name=ch" },
        { Roles.Therapist, "/api/patients?mrn={care-team-mrn}" },
        { Roles.Therapist, "/Patients?Name=ch" },
        { Roles.Therapist, "/Patients/Details/{care-team-patient}" },
        { Roles.Therapist, "/Referrals" },
        { Roles.Therapist, "/api/referrals" },
        { Roles.Therapist, "/Plans" },
        { Roles.Therapist, "/Inbox" },
        { Roles.Therapist, "/api/alerts" },
        { Roles.Clinician, "/Inbox" },
        { Roles.Manager, "/Inbox" },
        { Roles.Biller, "/Inbox" },
        { Roles.Clinician, "/api/patients/{care-team-patient}" },
        { Roles.Manager, "/api/patients?name=ch" },
        { Roles.Manager, "/api/patients?birthDate={care-team-birth-date}" },
        { Roles.Manager, "/Patients/Details/{care-team-patient}" },
        { Roles.Manager, "/Referrals" },
        { Roles.Manager, "/Plans" },
        { Roles.Biller, "/Billing" },
        { Roles.Biller, "/api/billing/overview" },
        { Roles.Biller, "/api/claims" },
        { Roles.Biller, "/api/claims?status=Held" },
        { Roles.Manager, "/api/referrals?pageSize=200&page=2" },
        { Roles.Therapist, "/api/patients?name=zo%C3%AB%20n" },
        { Roles.Biller, "/api/patients/{care-team-patient}/statement" },
        { Roles.Administrator, "/Audit" },
        { Roles.Administrator, "/Audit?actor=therapist" },
        { Roles.Manager, "/api/patients?name=ch&total=true" },
        { Roles.Manager, "/api/patients?name=ch%20ma" },
        { Roles.Therapist, "/api/patients?name=ch&birthDate={care-team-birth-date}" },
        { Roles.Therapist, "/fhir/Patient?family=ch&given=a" },
        { Roles.Manager, "/fhir/Patient?identifier={care-team-mrn}" },
        { Roles.Therapist, "/fhir/Patient/{care-team-patient}" },
        { Roles.Therapist, "/Scheduling" },
        { Roles.Manager, "/Scheduling?view=day" },
    };

    [Theory]
    [MemberData(nameof(HotReads))]
    public async Task HotRead_ReachesPatientDataThroughAnIndex(string role, string path)
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        path = path.Replace("{care-team-patient}", patient.Id.ToString(), StringComparison.Ordinal)
            .Replace("{care-team-mrn}", patient.Mrn, StringComparison.Ordinal)
            .Replace("{care-team-birth-date}", patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var client = await app.AsAsync(role);
        var tables = await PatientDataTablesAsync();

        app.Recorder.Start();
        var response = await client.GetAsync(path);
        var queries = app.Recorder.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(queries);
        var offenders = new List<string>();
        // EF writes "WHERE 0" for a match on an empty list of ids: a constant false the store answers without reading.
        foreach (var query in queries.Where(q => !q.Sql.Contains("WHERE 0", StringComparison.Ordinal)))
        {
            if (await QueryPlans.FullScansAsync(app.Store, app.ConnectionString, query, tables) is { Count: > 0 } scans)
            {
                offenders.Add(string.Join("; ", scans) + "\n    " + query.Sql.ReplaceLineEndings(" "));
            }
        }

        Assert.True(offenders.Count == 0, $"{role} GET {path} scans patient data in full:\n  " + string.Join("\n  ", offenders));
    }

    private Task<IReadOnlySet<string>> PatientDataTablesAsync() => app.WithDbAsync(db => Task.FromResult<IReadOnlySet<string>>(
        db.Model.GetEntityTypes()
            .Where(t => typeof(IPatientScoped).IsAssignableFrom(t.ClrType) || t.ClrType == typeof(Tactus.Web.Features.Audit.AuditEntry))
            .Select(t => t.GetTableName()!)
            .ToHashSet()));
}

public sealed class QueryPlanSqliteTests(SqlitePlanRecordingApp app) : QueryPlanTests(app), IClassFixture<SqlitePlanRecordingApp>
{
    /// <summary>
    /// SQLite seeks an index on "EpisodeOpen = ?" but not on a bare boolean column ("WHERE EpisodeOpen"): written the
    /// second way, the plans work-list walked every certified plan the clinic ever made (0.8 s at a million patients)
    /// through the (organisation, state) index, which the full-scan check above does not see.
    /// </summary>
    [Fact]
    public async Task PlansWorklist_SeeksTheOpenEpisodesDuePlans()
    {
        var client = await app.AsAsync(Roles.Manager);

        app.Recorder.Start();
        var response = await client.GetAsync("/Plans");
        var queries = app.Recorder.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plansQueries = queries.Where(q => q.Sql.Contains("FROM \"Plans\"", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(plansQueries);
        foreach (var query in plansQueries)
        {
            var plan = await QueryPlans.SqlitePlanAsync(app.ConnectionString, query);
            Assert.True(plan.Any(step => step.Contains("EpisodeOpen=?", StringComparison.Ordinal)), string.Join("\n", plan) + "\n" + query.Sql);
        }
    }
}

public sealed class QueryPlanPostgreSqlTests(PostgreSqlPlanRecordingApp app) : QueryPlanTests(app), IClassFixture<PostgreSqlPlanRecordingApp>;
