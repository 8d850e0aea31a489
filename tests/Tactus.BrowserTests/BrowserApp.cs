using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tactus.Tests.Infrastructure;

namespace Tactus.BrowserTests;

/// <summary>
/// Tactus on a real Kestrel port (SQLite store) and Debian's Chromium driven by Playwright, with its outbox pointed at
/// a real SMTP server on 127.0.0.1 (MailApp). Playwright's own browser download cannot work here, so the system
/// Chromium is launched.
/// </summary>
public sealed class BrowserApp(TestStore store) : MailApp(store)
{
    public BrowserApp()
        : this(TestStore.Sqlite)
    {
    }

    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>
    /// A browserless client for setting up a test over the real port. The app marks its cookies Secure (production
    /// settings); Chromium keeps Secure cookies on http://127.0.0.1, .NET's cookie container does not, so this client
    /// drops the flag on the way in.
    /// </summary>
    public override HttpClient CreateBrowserlessClient() =>
        new(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler
        {
            InnerHandler = new LoopbackSecureCookies(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }),
        })
        {
            BaseAddress = new Uri(BaseUrl),
        };

    private sealed class LoopbackSecureCookies(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies))
            {
                var relaxed = cookies.Select(c => System.Text.RegularExpressions.Regex.Replace(c, @";\s*secure(?=;|$)", "", System.Text.RegularExpressions.RegexOptions.IgnoreCase)).ToList();
                response.Headers.Remove("Set-Cookie");
                response.Headers.TryAddWithoutValidation("Set-Cookie", relaxed);
            }

            return response;
        }
    }

    protected override void StartHost()
    {
        UseKestrel(0);
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
    }

    public async Task StartBrowserAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no network beyond loopback: keep Chromium from reaching out.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    public override async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await base.DisposeAsync();
    }
}

/// <summary>One app and one browser per test class; each test opens its own context (fresh cookies).</summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture()
        : this(TestStore.Sqlite)
    {
    }

    protected BrowserFixture(TestStore store) => App = new BrowserApp(store);

    public BrowserApp App { get; }

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        await App.StartBrowserAsync();
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>The same, on PostgreSQL, for the tests that must pass on both stores (the third-party SMART client).</summary>
public sealed class PostgreSqlBrowserFixture() : BrowserFixture(TestStore.PostgreSql);
