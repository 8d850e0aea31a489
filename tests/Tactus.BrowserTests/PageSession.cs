using Microsoft.Playwright;
using Tactus.Web.Data.Seed;

namespace Tactus.BrowserTests;

/// <summary>A browser tab that records console errors and uncaught page errors, with sign-in helpers.</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;

    private PageSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                ConsoleErrors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => ConsoleErrors.Add(error);
    }

    public IPage Page { get; }
    public List<string> ConsoleErrors { get; } = [];

    public static async Task<PageSession> OpenAsync(BrowserApp app, int width = 1280, int height = 800)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return new PageSession(context, await context.NewPageAsync());
    }

    public async Task SignInAsync(string email, string password = DemoClinic.Password)
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        // A failed sign-in posts back to the same URL, so wait for a *new* document: mark the current one,
        // then wait until the page no longer carries the mark (a bare WaitForLoadState can race the old page).
        await Page.EvaluateAsync("() => { document.documentElement.dataset.signInPending = 'true'; }");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        // Poll on a timer, not on animation frames, which a headless page under load may not get.
        await Page.WaitForFunctionAsync("() => document.documentElement.dataset.signInPending !== 'true'", null,
            new PageWaitForFunctionOptions { PollingInterval = 100 });
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public string Path => new Uri(Page.Url).AbsolutePath;

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
