using Microsoft.Playwright;

namespace Tactus.BrowserTests;

/// <summary>The first step of the loop as the people do it: a clinician refers, the manager accepts and assigns.</summary>
public sealed class ReferralJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ClinicianRefers_ManagerAcceptsAndAssigns_TherapistSeesThePatient()
    {
        await using var clinician = await PageSession.OpenAsync(fixture.App);
        var page = clinician.Page;
        await clinician.SignInAsync("clinician@riverside.example");
        await page.GotoAsync("/Patients/New");
        await page.GetByLabel("Given name").FillAsync("Harriet");
        await page.GetByLabel("Family name").FillAsync("Quenneville");
        await page.GetByLabel("Date of birth").FillAsync("1961-05-02");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Refer for massage" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Save referral" }).ClickAsync();
        var missing = await page.GetByRole(AriaRole.Alert).InnerTextAsync();
        await page.GetByLabel("Primary diagnosis").SelectOptionAsync("M54.50");
        await page.GetByLabel("Reason for referral").FillAsync("Chronic low back pain for 8 months; on warfarin for atrial fibrillation.");
        await page.GetByLabel("Precautions the therapist must know").FillAsync("Takes warfarin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save referral" }).ClickAsync();

        Assert.Contains("Give at least one diagnosis.", missing, StringComparison.Ordinal);
        Assert.Contains("Say why you are referring.", missing, StringComparison.Ordinal);
        Assert.Equal("sent", await page.GetByTestId("referral-status").InnerTextAsync());
        var referralUrl = page.Url;

        await using var manager = await PageSession.OpenAsync(fixture.App);
        await manager.SignInAsync("manager@riverside.example");
        await manager.Page.GetByRole(AriaRole.Link, new() { Name = "Referrals" }).ClickAsync();
        await manager.Page.GetByRole(AriaRole.Link, new() { Name = "Harriet Quenneville" }).ClickAsync();
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Accept" }).ClickAsync();
        await manager.Page.GetByLabel("Assign a therapist").SelectOptionAsync(new SelectOptionValue { Label = "Jonas Weber, LMT" });
        await manager.Page.GetByRole(AriaRole.Button, new() { Name = "Assign", Exact = true }).ClickAsync();

        Assert.Equal(referralUrl, manager.Page.Url);
        Assert.Equal("accepted", await manager.Page.GetByTestId("referral-status").InnerTextAsync());
        Assert.Equal("Jonas Weber, LMT", await manager.Page.GetByTestId("assigned-therapist").InnerTextAsync());

        await using var therapist = await PageSession.OpenAsync(fixture.App);
        await therapist.SignInAsync("therapist2@riverside.example");
        await therapist.Page.GetByLabel("Name").FillAsync("quenneville");
        await therapist.Page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        Assert.Equal(1, await therapist.Page.GetByRole(AriaRole.Link, new() { Name = "Quenneville, Harriet" }).CountAsync());
        Assert.Empty(clinician.ConsoleErrors.Concat(manager.ConsoleErrors).Concat(therapist.ConsoleErrors));
    }
}
