using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tactus.BrowserTests;

/// <summary>Issue 04: a patient completes a PHQ-9 and an NPRS through their link on a phone-sized screen.</summary>
public sealed partial class PatientLinkTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task PatientCompletesPhq9AndNprsOnAPhone_TheTherapistSeesTheScores()
    {
        await using var therapist = await PageSession.OpenAsync(fixture.App);
        var t = therapist.Page;
        await therapist.SignInAsync("therapist@riverside.example");
        await t.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        var recordUrl = t.Url;
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
            await options.Nth(await options.CountAsync() > 4 ? 5 : 1).CheckAsync();
        }

        var overflows = await p.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        await p.GetByRole(AriaRole.Button, new() { Name = "Send my answers" }).ClickAsync();

        Assert.False(overflows, "The questionnaire scrolls sideways on a phone.");
        Assert.Contains("Your answers were sent", await p.GetByTestId("link-done").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("988", await p.GetByTestId("crisis-resources").InnerTextAsync(), StringComparison.Ordinal);

        await t.GotoAsync(recordUrl);
        Assert.StartsWith("9 (mild)", await t.GetByTestId("latest-PHQ-9").InnerTextAsync(), StringComparison.Ordinal);
        Assert.StartsWith("5 (moderate)", await t.GetByTestId("latest-NPRS").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await t.GetByTestId("safety-alert").CountAsync());
        Assert.Empty(therapist.ConsoleErrors.Concat(phone.ConsoleErrors));
    }

    [GeneratedRegex(@"https?://\S+/q/[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
