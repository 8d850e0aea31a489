using Microsoft.Playwright;

namespace Tactus.BrowserTests;

/// <summary>
/// Issue 03's walk through the loop: a clinician refers a patient with chronic low back pain who takes
/// warfarin; the manager accepts and assigns; the therapist's intake shows the anticoagulant precaution;
/// the plan is signed and certified; a session is documented on the body chart, signed, then amended.
/// </summary>
public sealed class ClinicalLoopTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ReferScreenPlanCertifyTreatSignAmend()
    {
        await using var clinician = await PageSession.OpenAsync(fixture.App);
        var c = clinician.Page;
        await clinician.SignInAsync("clinician@riverside.example");
        await c.GotoAsync("/Patients/New");
        await c.GetByLabel("Given name").FillAsync("Oswald");
        await c.GetByLabel("Family name").FillAsync("Pemberton");
        await c.GetByLabel("Date of birth").FillAsync("1955-10-19");
        await c.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();
        var patientUrl = c.Url;
        await c.GetByRole(AriaRole.Link, new() { Name = "Refer for massage" }).ClickAsync();
        await c.GetByLabel("Primary diagnosis").SelectOptionAsync("M54.50");
        await c.GetByLabel("Reason for referral").FillAsync("Chronic low back pain for a year; takes warfarin for atrial fibrillation.");
        await c.GetByLabel("Precautions the therapist must know").FillAsync("Warfarin");
        await c.GetByRole(AriaRole.Button, new() { Name = "Save referral" }).ClickAsync();
        var referralUrl = c.Url;

        await using var manager = await PageSession.OpenAsync(fixture.App);
        await manager.SignInAsync("manager@riverside.example");
        await manager.Page.GotoAsync(referralUrl);
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await manager.Page.GetByLabel("Assign a therapist").SelectOptionAsync(new SelectOptionValue { Label = "Maya Chen, LMT" });
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();

        await using var therapist = await PageSession.OpenAsync(fixture.App);
        var t = therapist.Page;
        await therapist.SignInAsync("therapist@riverside.example");
        await t.GotoAsync(patientUrl);
        await t.GetByRole(AriaRole.Link, new() { Name = "Record intake" }).ClickAsync();
        await t.GetByLabel("Medications, one per line").FillAsync("Warfarin 5 mg daily");
        await t.GetByTestId("screening-preview").GetByText("Anticoagulant", new() { Exact = false }).WaitForAsync();
        await t.GetByLabel("Pause word").FillAsync("amber");
        await t.GetByLabel("The patient consents to massage treatment").CheckAsync();
        await t.GetByRole(AriaRole.Button, new() { Name = "Save and screen" }).ClickAsync();

        var safety = t.GetByTestId("safety-panel");
        Assert.Contains("Anticoagulant", await safety.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("level 2 or lighter", await t.GetByTestId("max-pressure").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Deep tissue massage", await t.GetByTestId("excluded-techniques").InnerTextAsync(), StringComparison.Ordinal);

        await t.GotoAsync(referralUrl);
        await t.GetByRole(AriaRole.Link, new() { Name = "Write plan of care" }).ClickAsync();
        Assert.True(await t.GetByLabel("Deep tissue massage").IsDisabledAsync(), "An excluded technique must not be offered.");
        await t.GetByRole(AriaRole.Button, new() { Name = "Save plan" }).ClickAsync();
        await t.GetByRole(AriaRole.Button, new() { Name = "Sign plan" }).ClickAsync();
        var planUrl = t.Url;
        Assert.Equal("signed", await t.GetByTestId("plan-status").InnerTextAsync());

        await c.GotoAsync(planUrl);
        await c.GetByRole(AriaRole.Button, new() { Name = "Certify plan" }).ClickAsync();
        Assert.Equal("certified", await c.GetByTestId("plan-status").InnerTextAsync());

        await t.GotoAsync(referralUrl);
        await t.GetByRole(AriaRole.Link, new() { Name = "Check in for a session" }).ClickAsync();
        await t.GetByLabel("Pain now").FillAsync("6");
        await t.GetByLabel("Stress or anxiety now").FillAsync("5");
        await t.GetByRole(AriaRole.Button, new() { Name = "Check in and start the note" }).ClickAsync();
        await t.GetByLabel("Subjective").FillAsync("Low back stiff after gardening");
        await t.GetByLabel("Assessment").FillAsync("Myofascial low back pain");
        // A tap on the picture marks the region (issue 10 §6); the list beside it follows.
        await t.Locator("svg.body-svg rect[data-region='lower-back-left']").ClickAsync();
        Assert.Equal("Treated", await t.GetByLabel("Left lower back").InputValueAsync());
        await t.GetByLabel("Right lower back").SelectOptionAsync("Tenderness");
        await t.GetByLabel("Technique 1").SelectOptionAsync("swedish");
        await t.Locator("#tr-0").SelectOptionAsync("lower-back-left");
        await t.Locator("#tm-0").FillAsync("30");
        await t.Locator("#tp-0").FillAsync("3");
        await t.GetByLabel("Pain after").FillAsync("3");
        await t.GetByRole(AriaRole.Button, new() { Name = "Save and sign" }).ClickAsync();
        var tooFirm = await t.GetByRole(AriaRole.Alert).InnerTextAsync();
        await t.Locator("#tp-0").FillAsync("2");
        await t.GetByRole(AriaRole.Button, new() { Name = "Save and sign" }).ClickAsync();

        Assert.Contains("above this patient's limit of 2", tooFirm, StringComparison.Ordinal);
        Assert.Equal("signed", await t.GetByTestId("session-status").InnerTextAsync());
        var chart = await t.Locator("svg.body-svg").GetAttributeAsync("aria-label");
        Assert.Contains("treated: Left lower back", chart, StringComparison.Ordinal);
        // The signed note reads in words, not internal ids, and names who signed with their credentials.
        var note = await t.GetByTestId("note-view").InnerTextAsync();
        Assert.Contains("Swedish / relaxation massage on the left lower back, 30 min, pressure 2 of 5", note, StringComparison.Ordinal);
        Assert.DoesNotContain("lower-back-left", note, StringComparison.Ordinal);
        Assert.Matches(@"^Signed by Maya Chen, LMT — massage therapist, licence [A-Z]{2} \S+ on ", await t.GetByTestId("signature").InnerTextAsync());

        await t.GetByLabel("Assessment").FillAsync("Myofascial low back pain, improving with light pressure");
        await t.GetByLabel("Reason for the amendment").FillAsync("Assessment incomplete");
        await t.GetByRole(AriaRole.Button, new() { Name = "Save amendment" }).ClickAsync();
        var amendment = t.GetByTestId("amendment");

        Assert.Contains("Assessment incomplete", await amendment.InnerTextAsync(), StringComparison.Ordinal);
        await amendment.Locator("summary").ClickAsync();
        Assert.Contains("Myofascial low back pain", await amendment.Locator("details").InnerTextAsync(), StringComparison.Ordinal);

        await t.GotoAsync(patientUrl);
        var timeline = await t.Locator("#timeline").Locator("..").InnerTextAsync();
        Assert.Contains("Session note amended: Assessment incomplete", timeline, StringComparison.Ordinal);
        Assert.Contains("Plan of care certified by the clinician", timeline, StringComparison.Ordinal);
        Assert.Empty(clinician.ConsoleErrors.Concat(manager.ConsoleErrors).Concat(therapist.ConsoleErrors));
    }
}
