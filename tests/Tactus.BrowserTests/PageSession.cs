using Microsoft.Playwright;
using Tactus.Web.Data.Seed;

namespace Tactus.BrowserTests;

/// <summary>A browser tab that records console errors and uncaught page errors, with sign-in helpers.</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _openRequests = new();

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
        page.Request += (_, request) => _openRequests[$"{request.Method} {request.Url}"] = 0;
        page.RequestFinished += (_, request) => _openRequests.TryRemove($"{request.Method} {request.Url}", out var _);
        page.RequestFailed += (_, request) => _openRequests.TryRemove($"{request.Method} {request.Url}", out var _);
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
        var step = "open /";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            await Page.GotoAsync("/");
            step = "fill the form";
            await Page.GetByLabel("Email").FillAsync(email);
            await Page.GetByLabel("Password").FillAsync(password);
            // A failed sign-in posts back to the same URL, so wait for a *new* document: mark the current one,
            // then wait until the page no longer carries the mark (a bare WaitForLoadState can race the old page).
            await Page.EvaluateAsync("() => { document.documentElement.dataset.signInPending = 'true'; }");
            step = "click Sign in";
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            // Poll on a timer, not on animation frames, which a headless page under load may not get.
            // The document's own readyState, not Playwright's lifecycle events: a run timed out waiting for DOMContentLoaded
            // on a page whose "load" and "networkidle" had both fired (the event had come before the wait began).
            step = "wait for the next document to be parsed";
            await Page.WaitForFunctionAsync("() => document.documentElement.dataset.signInPending !== 'true' && document.readyState !== 'loading'", null,
                new PageWaitForFunctionOptions { PollingInterval = 100 });
        }
        catch (TimeoutException timeout)
        {
            // Say where it stuck: an intermittent time-out here is otherwise a bare "30000 ms exceeded".
            throw new TimeoutException($"Sign-in as {email} stuck at \"{step}\" after {clock.ElapsedMilliseconds} ms; page {Page.Url}; " +
                $"requests still open: {string.Join(", ", _openRequests.Keys)}", timeout);
        }
    }

    public string Path => new Uri(Page.Url).AbsolutePath;

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
