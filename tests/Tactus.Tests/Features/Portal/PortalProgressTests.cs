using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Portal;

/// <summary>The patient's progress page (issue 13 §4): their plan's goals, their own trend chart explained, nobody else's.</summary>
public abstract class PortalProgressTests(TactusApp app)
{
    private const string Password = "Orchard-signal-maple-64";

    [Fact]
    public async Task APatient_SeesTheirGoalsAndTheirOwnPainTrend_Explained_AndDownloadsTheirRecord()
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

        var pdf = await portal.GetAsync("/Portal?handler=Record");
        using var document = UglyToad.PdfPig.PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", document.GetPages().Select(p => p.Text));

        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sleep through the night without back pain", text, StringComparison.Ordinal);
        Assert.Contains("NPRS", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Progressother", text, StringComparison.Ordinal);
        Assert.Contains("Sleep through the night without back pain", page, StringComparison.Ordinal);
        Assert.Contains("Your score went from 7 to 4: it improved.", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"trend-NPRS\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("PHQ-9", page, StringComparison.Ordinal);
    }

    /// <summary>Nothing cached on the device after sign-out (issue 13 §4): pages are never stored, and signing out clears the origin's cache and storage.</summary>
    [Fact]
    public async Task SigningOutOfThePortal_LeavesNothingOnTheDevice()
    {
        var patientId = await app.WithDbAsync(db => db.Patients.Where(p => db.Organizations.Any(o => o.Id == p.OrganizationId && o.Slug == Tactus.Web.Data.Seed.DemoClinic.Slug)).OrderBy(p => p.Mrn).Select(p => p.Id).Skip(5).FirstAsync());
        var portal = await app.PortalAsync(patientId, $"signout-{Guid.NewGuid():N}@example.org", Password);

        var page = await portal.GetAsync("/Portal");
        var signedOut = await portal.PostFormAsync("/Portal", [], "/Account/Logout");
        var after = await portal.GetAsync("/Portal");

        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Equal("\"cache\", \"storage\"", string.Join(",", signedOut.Headers.GetValues("Clear-Site-Data")));
        Assert.StartsWith("/Account/Login", after.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class PortalProgressSqliteTests(SqliteApp app) : PortalProgressTests(app), IClassFixture<SqliteApp>;

public sealed class PortalProgressPostgreSqlTests(PostgreSqlApp app) : PortalProgressTests(app), IClassFixture<PostgreSqlApp>;
