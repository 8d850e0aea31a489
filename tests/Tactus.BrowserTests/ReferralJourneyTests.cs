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

        // The manager books the first visit from the referral (issue 13 §1), by label alone: the referral is then scheduled.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).DateTime).AddDays(16);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        await manager.Page.GetByTestId("book-visit").ClickAsync();
        var form = manager.Page.GetByTestId("booking-form");
        await form.GetByLabel("Therapist", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Jonas Weber, LMT" });
        await form.GetByLabel("Room").SelectOptionAsync(new SelectOptionValue { Label = "Room 2" });
        await form.GetByLabel("Day").FillAsync(day.ToString("yyyy-MM-dd"));
        await form.GetByLabel(new System.Text.RegularExpressions.Regex("^Time")).FillAsync("11:30");
        await form.GetByRole(AriaRole.Button, new() { Name = "Book", Exact = true }).ClickAsync();
        await Assertions.Expect(manager.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("The visit is booked.");
        await Assertions.Expect(manager.Page.GetByTestId("calendar")).ToContainTextAsync("11:30–12:30");
        await manager.Page.GotoAsync(referralUrl);
        Assert.Equal("scheduled", await manager.Page.GetByTestId("referral-status").InnerTextAsync());

        // The therapist finds it in their own calendar on a tablet held upright, with nothing to scroll sideways.
        await using var tablet = await PageSession.OpenAsync(fixture.App, width: 768, height: 1024);
        await tablet.SignInAsync("therapist2@riverside.example");
        await tablet.Page.GetByTestId("nav-calendar").ClickAsync();
        await tablet.Page.GetByLabel("Date").FillAsync(day.ToString("yyyy-MM-dd"));
        await tablet.Page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var visit = tablet.Page.GetByTestId("appointment").Filter(new() { HasText = "Harriet Quenneville" });
        await Assertions.Expect(visit).ToContainTextAsync("11:30–12:30");
        await Assertions.Expect(visit).ToContainTextAsync("Room 2");
        Assert.True(await tablet.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the calendar scrolls sideways on a tablet");
        Assert.Empty(clinician.ConsoleErrors.Concat(manager.ConsoleErrors).Concat(therapist.ConsoleErrors).Concat(tablet.ConsoleErrors));
    }
}
