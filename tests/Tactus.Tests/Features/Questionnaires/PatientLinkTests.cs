using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>Issue 04 §3: a patient answers on their own device through a single-use, expiring link, without an account.</summary>
public abstract partial class PatientLinkTests(TactusApp app)
{
    private async Task<(Guid PatientId, string Token)> LinkAsync(params string[] instruments)
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Noor","familyName":"Haddad","birthDate":"1984-12-01"}"""))).ReadAsync<PatientDto>();
        var form = new List<KeyValuePair<string, string>>(instruments.Select(i => new KeyValuePair<string, string>("instruments", i)))
        {
            new("__RequestVerificationToken", await SignIn.AntiforgeryTokenAsync(clinician, $"/Patients/Details/{patient!.Id}")),
        };
        var created = await clinician.PostAsync($"/Patients/Details/{patient.Id}?handler=SendLink", new FormUrlEncodedContent(form));
        var page = await clinician.GetStringAsync(created.Headers.Location!.OriginalString);
        var token = TokenPattern().Match(page).Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The link is shown once on the record page.");
        return (patient.Id, token);
    }

    private static Dictionary<string, string> Phq9(int item9) =>
        Enumerable.Range(1, 9).ToDictionary(i => $"Answers[PHQ-9][q{i}]", i => i == 9 ? item9.ToString(System.Globalization.CultureInfo.InvariantCulture) : "1");

    [Fact]
    public async Task PatientAnswersThroughTheLink_OnceOnly_WithoutAnAccount()
    {
        var (patientId, token) = await LinkAsync("PHQ-9", "NPRS");
        var patient = app.CreateBrowserlessClient();

        var form = await patient.GetStringAsync($"/q/{token}");
        var fields = Phq9(0);
        fields["Answers[NPRS][pain]"] = "6";
        var sent = await patient.PostFormAsync($"/q/{token}", fields);
        var sentHtml = await sent.Content.ReadAsStringAsync();
        var again = await patient.GetStringAsync($"/q/{token}");
        var stored = await app.WithDbAsync(db => db.MeasureResponses.AsNoTracking().Where(r => r.PatientId == patientId).OrderBy(r => r.Instrument).ToListAsync());

        Assert.Contains("Little interest or pleasure in doing things", form, StringComparison.Ordinal);
        Assert.DoesNotContain("Haddad", form, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"link-done\"", sentHtml, StringComparison.Ordinal);
        Assert.Contains("already been used", again, StringComparison.Ordinal);
        Assert.Equal([("NPRS", 6m), ("PHQ-9", 8m)], stored.Select(r => (r.Instrument, r.Total!.Value)));
        Assert.All(stored, r => Assert.True(r.EnteredByPatient));
    }

    [Fact]
    public async Task Item9ThroughTheLink_ShowsCrisisResourcesAtOnce_AndAlertsTheCareTeam()
    {
        var (patientId, token) = await LinkAsync("PHQ-9");
        var patient = app.CreateBrowserlessClient();

        var sent = await patient.PostFormAsync($"/q/{token}", Phq9(3));
        var alerts = await app.WithDbAsync(db => db.SafetyAlerts.AsNoTracking().Where(a => a.PatientId == patientId).ToListAsync());

        Assert.Contains("data-testid=\"crisis-resources\"", await sent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(Assert.Single(alerts).IsOpen);
    }

    [Fact]
    public async Task BlankOrPartlyBlankSubmission_ShowsWhatIsMissing_RecordsNothing_AndTheLinkStaysUsable()
    {
        var (patientId, token) = await LinkAsync("PHQ-9", "NPRS");
        var patient = app.CreateBrowserlessClient();

        var blank = await (await patient.PostFormAsync($"/q/{token}", [])).Content.ReadAsStringAsync();
        var partial = Phq9(0);
        partial.Remove("Answers[PHQ-9][q4]");
        var partlyBlank = await (await patient.PostFormAsync($"/q/{token}", partial)).Content.ReadAsStringAsync();
        var stored = await app.WithDbAsync(db => db.MeasureResponses.CountAsync(r => r.PatientId == patientId));
        var alerts = await app.WithDbAsync(db => db.SafetyAlerts.CountAsync(a => a.PatientId == patientId));
        var complete = Phq9(0);
        complete["Answers[NPRS][pain]"] = "5";
        var sent = await (await patient.PostFormAsync($"/q/{token}", complete)).Content.ReadAsStringAsync();

        Assert.DoesNotContain("link-done", blank, StringComparison.Ordinal);
        Assert.DoesNotContain("crisis-resources", blank, StringComparison.Ordinal);
        Assert.Contains("please answer questions 1, 2, 3, 4, 5, 6, 7, 8, 9", blank, StringComparison.Ordinal);
        Assert.Contains("please answer question 4.", partlyBlank, StringComparison.Ordinal);
        Assert.Contains("Numeric Pain Rating Scale: please answer question 1", partlyBlank, StringComparison.Ordinal);
        Assert.Equal(9 + 1, Regex.Count(blank, "data-testid=\"missing-answer\""));
        Assert.Equal((0, 0), (stored, alerts));
        Assert.Contains("data-testid=\"link-done\"", sent, StringComparison.Ordinal);
        Assert.DoesNotContain("crisis-resources", sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TwoSubmissionsAtOnce_RecordOne()
    {
        var (patientId, token) = await LinkAsync("PHQ-9");
        var first = app.CreateBrowserlessClient();
        var second = app.CreateBrowserlessClient();
        var firstToken = await SignIn.AntiforgeryTokenAsync(first, $"/q/{token}");
        var secondToken = await SignIn.AntiforgeryTokenAsync(second, $"/q/{token}");
        FormUrlEncodedContent Form(string antiforgery)
        {
            var fields = Phq9(2);
            fields["__RequestVerificationToken"] = antiforgery;
            return new FormUrlEncodedContent(fields);
        }

        var pages = await Task.WhenAll(first.PostAsync($"/q/{token}", Form(firstToken)), second.PostAsync($"/q/{token}", Form(secondToken)));
        var stored = await app.WithDbAsync(db => db.MeasureResponses.CountAsync(r => r.PatientId == patientId));
        var alerts = await app.WithDbAsync(db => db.SafetyAlerts.CountAsync(a => a.PatientId == patientId));

        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Equal((1, 1), (stored, alerts));
    }

    [Fact]
    public async Task TheLink_IsShownWithACopyButtonAndAQrCode()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Ayla","familyName":"Sorensen","birthDate":"1979-04-09"}"""))).ReadAsync<PatientDto>();
        var created = await clinician.PostFormAsync($"/Patients/Details/{patient!.Id}", new() { ["instruments"] = "GAD-7" }, $"/Patients/Details/{patient.Id}?handler=SendLink");
        var page = await clinician.GetStringAsync(created.Headers.Location!.OriginalString);
        var again = await clinician.GetStringAsync($"/Patients/Details/{patient.Id}");

        Assert.Contains("data-copy-target=\"#patient-link-url\"", page, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/svg+xml;base64,", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.DoesNotMatch(TokenPattern(), again);
    }

    [Fact]
    public async Task ExpiredOrForgedLinks_OpenNothing()
    {
        var (_, token) = await LinkAsync("GAD-7");
        var patient = app.CreateBrowserlessClient();

        var forged = await patient.GetStringAsync($"/q/{token[..^2]}xx");
        app.Clock.Advance(TimeSpan.FromHours(73));
        var expired = await patient.GetStringAsync($"/q/{token}");

        Assert.Contains("This link is not valid", forged, StringComparison.Ordinal);
        Assert.Contains("This link has expired", expired, StringComparison.Ordinal);
        Assert.DoesNotContain("Feeling nervous", expired, StringComparison.Ordinal);
    }

    [GeneratedRegex("/q/([A-Za-z0-9_-]{20,})")]
    private static partial Regex TokenPattern();
}

public sealed class PatientLinkSqliteTests(SqliteApp app) : PatientLinkTests(app), IClassFixture<SqliteApp>;

public sealed class PatientLinkPostgreSqlTests(PostgreSqlApp app) : PatientLinkTests(app), IClassFixture<PostgreSqlApp>;
