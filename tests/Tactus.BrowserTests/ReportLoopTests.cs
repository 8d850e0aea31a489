using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tactus.BrowserTests;

/// <summary>
/// Issue 04's closing journey in Chromium: a patient in treatment answers PHQ-9 and NPRS through a link on a
/// phone; the therapist sees scores and trend at the next check-in and sends a progress report; the
/// referring clinician finds it in the inbox and acknowledges it. The set-up before that goes through the
/// API with each person's own browser session, as an integration would.
/// </summary>
public sealed partial class ReportLoopTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static async Task<JsonElement> PostAsync(IPage page, string url, string json)
    {
        var response = await page.APIRequest.PostAsync(url, new() { DataString = json, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" } });
        Assert.True(response.Ok, $"{url}: {response.Status} {await response.TextAsync()}");
        var text = await response.TextAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task PutAsync(IPage page, string url, string json)
    {
        var response = await page.APIRequest.PutAsync(url, new() { DataString = json, Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json" } });
        Assert.True(response.Ok, $"{url}: {response.Status} {await response.TextAsync()}");
    }

    [Fact]
    public async Task PatientAnswersOnAPhone_TherapistSeesTheTrendAndReports_ClinicianAcknowledges()
    {
        await using var clinician = await PageSession.OpenAsync(fixture.App);
        await using var manager = await PageSession.OpenAsync(fixture.App);
        await using var therapist = await PageSession.OpenAsync(fixture.App);
        await clinician.SignInAsync("clinician@riverside.example");
        await manager.SignInAsync("manager@riverside.example");
        await therapist.SignInAsync("therapist2@riverside.example");
        var c = clinician.Page;
        var t = therapist.Page;

        var patient = await PostAsync(c, "/api/patients", """{"confirmNotDuplicate":true,"givenName":"Ines","familyName":"Varga","birthDate":"1969-08-02","sex":"Female"}""");
        var patientId = patient.GetProperty("id").GetGuid();
        var referralId = (await PostAsync(c, "/api/referrals", $$"""{"patientId":"{{patientId}}","diagnoses":["M54.50"],"reason":"Chronic low back pain","visitsRequested":6}""")).GetProperty("id").GetGuid();
        await PostAsync(manager.Page, $"/api/referrals/{referralId}/accept", "{}");
        var m = manager.Page;
        await m.GotoAsync($"/Referrals/Details/{referralId}");
        await m.GetByLabel("Assign a therapist").SelectOptionAsync(await m.Locator("#therapistId option", new() { HasText = "Jonas" }).GetAttributeAsync("value") ?? "");
        await m.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();
        await PostAsync(t, $"/api/patients/{patientId}/intake", """{"answers":{},"medications":[],"preferences":{"pauseWord":"amber"},"consentToTreatment":true,"consentGivenBy":"patient"}""");
        var planId = (await PostAsync(t, $"/api/referrals/{referralId}/plans", """
            {"goals":[{"description":"Pain at rest","instrument":"NPRS","target":"≤ 4"}],"sessionsPerWeek":1,"weeks":6,"techniques":["swedish"],
             "measures":[{"instrument":"NPRS","atBaseline":true,"everyVisits":1,"atDischarge":true},{"instrument":"PHQ-9","atBaseline":true,"everyVisits":3,"atDischarge":true}],
             "reportEveryVisits":4,"reportEveryDays":30}
            """)).GetProperty("id").GetGuid();
        await PostAsync(t, $"/api/plans/{planId}/sign", "{}");
        await PostAsync(c, $"/api/plans/{planId}/certify", "{}");
        var first = (await PostAsync(t, $"/api/referrals/{referralId}/sessions", """{"painBefore":7,"stressBefore":5}""")).GetProperty("id").GetGuid();
        await PostAsync(t, $"/api/patients/{patientId}/measures", """{"instrument":"NPRS","answers":{"pain":8}}""");
        await PutAsync(t, $"/api/sessions/{first}/note", """{"techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],"painAfter":5,"stressAfter":3}""");
        await PostAsync(t, $"/api/sessions/{first}/sign", "{}");

        // Before the next visit the therapist sends the patient a link; the patient answers on a phone.
        await t.GotoAsync($"/Patients/Details/{patientId}");
        await t.GetByLabel("PHQ-9", new() { Exact = true }).CheckAsync();
        await t.GetByLabel("NPRS", new() { Exact = true }).CheckAsync();
        await t.GetByRole(AriaRole.Button, new() { Name = "Create link" }).ClickAsync();
        var link = LinkPattern().Match(await t.GetByRole(AriaRole.Status).First.InnerTextAsync()).Value;
        await using var phone = await PageSession.OpenAsync(fixture.App, width: 390, height: 844);
        var p = phone.Page;
        await p.GotoAsync(new Uri(link).PathAndQuery);
        foreach (var question in await p.Locator("fieldset.question").AllAsync())
        {
            var options = question.GetByRole(AriaRole.Radio);
            await options.Nth(await options.CountAsync() > 4 ? 4 : 1).CheckAsync();
        }

        var overflows = await p.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        await p.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();
        Assert.False(overflows, "The questionnaire scrolls sideways on a phone.");
        Assert.Contains("Your answers were sent", await p.GetByTestId("link-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("988", await p.GetByTestId("crisis-resources").InnerTextAsync(), StringComparison.Ordinal);

        // At the next check-in the therapist sees the scores and the trend; what the patient answered is not asked again.
        await t.GotoAsync($"/Sessions/CheckIn/{referralId}");
        Assert.StartsWith("4 (moderate)", await t.GetByTestId("latest-NPRS").InnerTextAsync(), StringComparison.Ordinal);
        Assert.StartsWith("9 (mild)", await t.GetByTestId("latest-PHQ-9").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("from 8 on", await t.GetByTestId("trend-NPRS").Locator("svg").GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);
        Assert.Contains("None due at this visit", await t.GetByTestId("due-measures").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await t.GetByTestId("safety-alert").CountAsync());

        // The therapist writes and sends a progress report from the referral.
        await t.GotoAsync($"/Referrals/Details/{referralId}");
        await t.GetByRole(AriaRole.Button, new() { Name = "Write progress report" }).ClickAsync();
        await t.GetByLabel("Therapist's assessment").FillAsync("Pain at rest down from 8 to 4; PHQ-9 mild.");
        await t.GetByLabel("Recommendation").FillAsync("Continue weekly; review at visit 4.");
        await t.GetByRole(AriaRole.Button, new() { Name = "Send to" }).ClickAsync();
        Assert.Equal("sent", await t.GetByTestId("report-status").InnerTextAsync());

        // The clinician receives it in the inbox, reads it and acknowledges it.
        await c.GotoAsync("/Inbox");
        await c.GetByTestId("inbox-reports").GetByRole(AriaRole.Link, new() { Name = "Progress report for Ines Varga" }).ClickAsync();
        Assert.Contains("improved by at least the MCID", await c.GetByTestId("report-outcomes").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await c.GetByTestId("trend-NPRS").CountAsync());
        await c.GetByRole(AriaRole.Button, new() { Name = "Acknowledge report" }).ClickAsync();
        Assert.Equal("acknowledged", await c.GetByTestId("report-status").InnerTextAsync());
        Assert.Empty(clinician.ConsoleErrors.Concat(therapist.ConsoleErrors).Concat(phone.ConsoleErrors));
    }

    [GeneratedRegex(@"https?://\S+/q/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
