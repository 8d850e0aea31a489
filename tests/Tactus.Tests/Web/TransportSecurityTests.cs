using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;

namespace Tactus.Tests.Web;

/// <summary>
/// Behind a TLS-terminating proxy (the README's production set-up) the session cookie is still Secure, HSTS is sent,
/// and the scheme comes from the proxy's X-Forwarded-Proto (issue 10 §7). Over a real socket from loopback, as a proxy
/// on the same host would connect, with the app in the Production environment.
/// </summary>
public sealed partial class TransportSecurityTests(TransportSecurityTests.ProductionApp app) : IClassFixture<TransportSecurityTests.ProductionApp>
{
    public sealed class ProductionApp() : TactusApp(TestStore.Sqlite)
    {
        public string BaseUrl { get; private set; } = "";

        protected override void StartHost()
        {
            UseKestrel(0);
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
                .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal);
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    /// <summary>Opens the sign-in page and signs in as the demo manager, as a browser would, optionally through a proxy that terminated TLS.</summary>
    private async Task<(HttpResponseMessage Page, HttpResponseMessage SignedIn)> SignInAsync(bool throughTlsProxy)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) };
        HttpRequestMessage Request(HttpMethod method)
        {
            // A public host name: HSTS is never sent for localhost or 127.0.0.1.
            var request = new HttpRequestMessage(method, "/Account/Login") { Headers = { Host = "tactus.example" } };
            if (throughTlsProxy)
            {
                request.Headers.Add("X-Forwarded-Proto", "https");
            }

            return request;
        }

        var page = await client.SendAsync(Request(HttpMethod.Get));
        var html = await page.Content.ReadAsStringAsync();
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var signIn = Request(HttpMethod.Post);
        signIn.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        signIn.Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "manager@riverside.example", ["Input.Password"] = DemoClinic.Password,
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value),
        });
        return (page, await client.SendAsync(signIn));
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("tactus.session", StringComparison.Ordinal));

    [Fact]
    public async Task BehindATlsProxy_TheSessionCookieIsSecure_AndHstsIsSent()
    {
        var (page, signedIn) = await SignInAsync(throughTlsProxy: true);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("max-age=", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Contains("secure", page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", SessionCookie(signedIn), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", SessionCookie(signedIn), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task InProduction_TheSessionCookieIsSecure_EvenWhenTheAppItselfSeesPlainHttp()
    {
        var (page, signedIn) = await SignInAsync(throughTlsProxy: false);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("secure", SessionCookie(signedIn), StringComparison.OrdinalIgnoreCase);
        Assert.False(page.Headers.Contains("Strict-Transport-Security"), "HSTS is only sent over HTTPS");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
