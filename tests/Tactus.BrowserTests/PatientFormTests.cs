using Microsoft.Playwright;

namespace Tactus.BrowserTests;

public sealed class PatientFormTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RegisterPatient_OnATablet_ShowsErrorsThenSavesTheRecord()
    {
        await using var session = await PageSession.OpenAsync(fixture.App, width: 768, height: 1024);
        var page = session.Page;
        await session.SignInAsync("manager@riverside.example");

        await page.GetByRole(AriaRole.Link, new() { Name = "Register a patient" }).ClickAsync();
        await page.GetByLabel("Given name").FillAsync("Imogen");
        await page.GetByLabel("Date of birth").FillAsync("2999-01-01");
        await page.GetByLabel("ZIP code").FillAsync("123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();
        var errors = await page.GetByRole(AriaRole.Alert).InnerTextAsync();

        Assert.Contains("Enter the family (last) name.", errors, StringComparison.Ordinal);
        Assert.Contains("cannot be in the future", errors, StringComparison.Ordinal);
        Assert.Contains("ZIP code of 5 digits", errors, StringComparison.Ordinal);
        Assert.Equal("Imogen", await page.GetByLabel("Given name").InputValueAsync());

        await page.GetByLabel("Family name").FillAsync("Thistlewood");
        await page.GetByLabel("Date of birth").FillAsync("1958-03-14");
        await page.GetByLabel("ZIP code").FillAsync("97205");
        await page.GetByLabel("Sex (administrative)").SelectOptionAsync(new SelectOptionValue { Label = "Female" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Register patient" }).ClickAsync();

        Assert.StartsWith("/Patients/Details/", session.Path, StringComparison.Ordinal);
        Assert.Equal("Imogen Thistlewood", await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync());
        Assert.Contains("was registered with MRN", await page.GetByRole(AriaRole.Status).First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Matches("^MRN[0-9]{7}$", await page.GetByTestId("mrn").InnerTextAsync());
        var overflows = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflows, "The record page scrolls sideways on a tablet.");
        Assert.Empty(session.ConsoleErrors);
    }

    [Fact]
    public async Task FindPatient_ByName_OpensTheRecord()
    {
        await using var session = await PageSession.OpenAsync(fixture.App);
        var page = session.Page;
        await session.SignInAsync("manager@riverside.example");
        var firstRow = page.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Link);
        var fullName = await firstRow.InnerTextAsync();
        var familyName = fullName.Split(',')[0];

        await page.GetByLabel("Name").FillAsync(familyName.ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = fullName }).First.ClickAsync();

        Assert.StartsWith("/Patients/Details/", session.Path, StringComparison.Ordinal);
        Assert.Contains(familyName, await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync(), StringComparison.Ordinal);
    }
}
