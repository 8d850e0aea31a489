using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Portal;

/// <summary>The patient's progress page (issue 13 §4): their plan's goals, their own trend chart explained, nobody else's.</summary>
public abstract class PortalProgressTests(TactusApp app)
{
    private const string Password = "Orchard-signal-maple-64";

    [Fact]
    public async Task APatient_SeesTheirGoalsAndTheirOwnPainTrend_Explained()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Progress" + Guid.NewGuid().ToString("N")[..6]);
        Assert.True((await loop.RecordIntakeAsync("{}")).IsSuccessStatusCode);
        var plan = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Json.Body("""
            {"goals":[{"description":"Sleep through the night without back pain","instrument":"NPRS","target":"≤ 3"}],
             "sessionsPerWeek":1,"weeks":6,"techniques":["swedish"],"measures":[{"instrument":"NPRS","atBaseline":true,"everyVisits":1,"atDischarge":true}],
             "reportEveryVisits":0,"reportEveryDays":0}
            """));
        Assert.True(plan.IsSuccessStatusCode, await plan.Content.ReadAsStringAsync());
        foreach (var pain in new[] { 7, 4 })
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            var recorded = await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/measures", Json.Body("{\"instrument\":\"NPRS\",\"answers\":{\"pain\":" + pain + "}}"));
            Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
        }

        var other = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Progressother" + Guid.NewGuid().ToString("N")[..6]);
        Assert.True((await other.Therapist.PostAsync($"/api/patients/{other.PatientId}/measures", Json.Body("""{"instrument":"PHQ-9","answers":{"q1":1,"q2":1,"q3":1,"q4":1,"q5":1,"q6":1,"q7":1,"q8":1,"q9":0}}"""))).IsSuccessStatusCode);

        var portal = await app.PortalAsync(loop.PatientId, $"progress-{loop.PatientId:N}@example.org", Password);
        var page = await portal.GetStringAsync("/Portal/Progress");

        Assert.Contains("Sleep through the night without back pain", page, StringComparison.Ordinal);
        Assert.Contains("Your score went from 7 to 4: it improved.", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"trend-NPRS\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("PHQ-9", page, StringComparison.Ordinal);
    }
}

public sealed class PortalProgressSqliteTests(SqliteApp app) : PortalProgressTests(app), IClassFixture<SqliteApp>;

public sealed class PortalProgressPostgreSqlTests(PostgreSqlApp app) : PortalProgressTests(app), IClassFixture<PostgreSqlApp>;
