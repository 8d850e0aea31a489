using Microsoft.Playwright;

namespace Tactus.BrowserTests;

/// <summary>
/// Waiting for the page a form submission lands on. Playwright's own wait for the "load" lifecycle event timed out in
/// runs whose page had loaded (its "networkidle" had fired): the event can be lost for the headless Debian chromium under
/// load. So wait for the URL to commit, then poll the document's own readyState on a timer.
/// </summary>
public static class PageWaits
{
    public static async Task WaitForDocumentAsync(this IPage page, Func<string, bool> url)
    {
        await page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        await page.WaitForFunctionAsync("() => document.readyState !== 'loading'", null, new PageWaitForFunctionOptions { PollingInterval = 100 });
    }
}
