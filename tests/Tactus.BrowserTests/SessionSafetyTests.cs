using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tactus.Tests.Infrastructure;

namespace Tactus.BrowserTests;

/// <summary>
/// Nothing typed is lost (issue 10 §5): before the idle time-out the person is warned and can stay signed in, and
/// what they typed into a long form is kept as a draft on the server and offered back when they return to the page.
/// The page's clock is Playwright's, so minutes pass in milliseconds.
/// </summary>
public sealed class SessionSafetyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task BeforeTheIdleTimeout_AWarningOffersToStaySignedIn()
    {
        await using var session = await PageSession.OpenAsync(fixture.App);
        var page = session.Page;
        await page.Clock.InstallAsync();
        await session.SignInAsync("therapist@riverside.example");
        var warning = page.GetByTestId("idle-warning");

        await page.Clock.RunForAsync(12 * 60 * 1000);
        var hiddenEarly = await warning.IsVisibleAsync();
        await page.Clock.RunForAsync(2 * 60 * 1000);
        var shownBeforeTheEnd = await warning.IsVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Stay signed in" }).ClickAsync();
        await warning.WaitForAsync(new() { State = WaitForSelectorState.Hidden });

        Assert.False(hiddenEarly);
        Assert.True(shownBeforeTheEnd);
        Assert.Contains("will be signed out", await warning.InnerTextAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/Patients", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task TextTypedIntoTheIntake_IsKept_AndOfferedBackOnReturn()
    {
        var patient = await fixture.App.WithDbAsync(db => db.Patients.AsNoTracking()
            .Where(p => p.CareTeam.Any(m => db.Users.Any(u => u.Id == m.UserId && u.Email == "therapist@riverside.example"))).OrderBy(p => p.Mrn).FirstAsync());
        await using var session = await PageSession.OpenAsync(fixture.App);
        var page = session.Page;
        await session.SignInAsync("therapist@riverside.example");
        await page.GotoAsync($"/Intake/Record/{patient.Id}");

        var saved = page.WaitForResponseAsync(r => r.Url.Contains("/api/drafts", StringComparison.Ordinal) && r.Request.Method == "PUT");
        await page.GetByLabel("Other conditions").FillAsync("Tennis elbow on the right, improving");
        Assert.True((await saved).Ok);
        await page.GotoAsync($"/Intake/Record/{patient.Id}");
        var offer = page.GetByTestId("draft-offer");
        await offer.WaitForAsync();
        await offer.GetByRole(AriaRole.Button, new() { Name = "Restore it" }).ClickAsync();

        Assert.Equal("Tennis elbow on the right, improving", await page.GetByLabel("Other conditions").InputValueAsync());
        var stored = await fixture.App.WithDbAsync(db => db.FormDrafts.AsNoTracking().SingleAsync(d => d.Key == $"/Intake/Record/{patient.Id}"));
        Assert.Equal(["Tennis elbow on the right, improving"], stored.Fields["Input.OtherConditions"]);
        Assert.Empty(session.ConsoleErrors);
    }
}
