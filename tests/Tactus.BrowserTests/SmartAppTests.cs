using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Smart;

namespace Tactus.BrowserTests;

/// <summary>
/// A third-party SMART app, built on SMART Health IT's fhirclient 2.6.3 (npm; fetched by test.sh), launched from a
/// patient's record in a running Tactus (SMART EHR launch): it discovers the server, authorises with PKCE through the
/// consent screen, trades the code cross-origin and reads the patient over FHIR. The app is served from its own web
/// server on another loopback port, as a real app would be from its own origin.
/// </summary>
public abstract class SmartAppTests(BrowserFixture fixture)
{
    private BrowserApp App => fixture.App;

    private static string ClientScript()
    {
        var folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "Tactus.slnx")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        var script = Path.Combine(folder ?? "", "tests", "Tactus.BrowserTests", "SmartApp", "fhir-client.js");
        return File.Exists(script) ? File.ReadAllText(script)
            : throw new FileNotFoundException("fhirclient is not fetched: run tests/Tactus.BrowserTests/SmartApp/fetch-fhirclient.sh (test.sh does).", script);
    }

    /// <summary>The app's own web server on a loopback port: its launch page, its redirect page and the fhirclient script.</summary>
    private static async Task<WebApplication> StartAppServerAsync(Func<string> clientId)
    {
        var script = ClientScript();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        server.MapGet("/app/fhir-client.js", () => Results.Text(script, "text/javascript"));
        server.MapGet("/app/launch.html", () => Results.Text($$"""
            <!doctype html><title>Pain diary</title><script src="fhir-client.js"></script>
            <script>FHIR.oauth2.authorize({ clientId: "{{clientId()}}", scope: "openid fhirUser launch patient/*.rs", redirectUri: "index.html", pkceMode: "required" });</script>
            """, "text/html"));
        server.MapGet("/app/index.html", () => Results.Text("""
            <!doctype html><title>Pain diary</title><script src="fhir-client.js"></script>
            <script>
            FHIR.oauth2.ready().then(async client => {
              const patient = await client.patient.read();
              const scores = await client.request("Observation?patient=" + client.patient.id);
              document.body.dataset.result = JSON.stringify({ id: client.patient.id, family: patient.name[0].family, scores: scores.resourceType });
            }).catch(e => { document.body.dataset.error = String(e); });
            </script>
            """, "text/html"));
        await server.StartAsync();
        return server;
    }

    [Fact]
    public async Task Fhirclient_LaunchedFromAPatientsRecord_ReadsThatPatient()
    {
        string clientId = "";
        await using var appServer = await StartAppServerAsync(() => clientId);
        var appOrigin = appServer.Urls.Single();
        Tactus.Web.Features.Patients.Patient patient;
        await using (var scope = App.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("test");
            var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
            var therapist = await db.Users.SingleAsync(u => u.Email == "therapist@riverside.example");
            patient = await db.Patients.AsNoTracking().Where(p => p.CareTeam.Any(m => m.UserId == therapist.Id)).OrderBy(p => p.Mrn).FirstAsync();
            clientId = (await scope.ServiceProvider.GetRequiredService<SmartApps>().RegisterAsync(therapist.OrganizationId, new SmartApps.Registration(
                "Pain diary", [new Uri($"{appOrigin}/app/index.html")], ["openid", "fhirUser", "launch", "patient/*.rs"], Confidential: false,
                new Uri($"{appOrigin}/app/launch.html")))).ClientId;
        }

        await using var session = await PageSession.OpenAsync(App);
        await session.SignInAsync("therapist@riverside.example");

        await session.Page.GotoAsync($"/Patients/Details/{patient.Id}");
        await session.Page.GetByRole(AriaRole.Link, new() { Name = "Open in Pain diary" }).ClickAsync();
        try
        {
            await session.Page.GetByRole(AriaRole.Button, new() { Name = "Allow" }).ClickAsync(new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"No consent screen; the app is at {session.Page.Url}. Console: {string.Join(" | ", session.ConsoleErrors)}");
        }

        try
        {
            await session.Page.WaitForFunctionAsync("() => document.body && (document.body.dataset.result || document.body.dataset.error)", null,
                new PageWaitForFunctionOptions { PollingInterval = 100, Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The app did not finish; it is at {session.Page.Url}. Console: {string.Join(" | ", session.ConsoleErrors)}");
        }

        var error = await session.Page.EvaluateAsync<string?>("() => document.body.dataset.error || null");
        var result = System.Text.Json.JsonDocument.Parse(await session.Page.EvaluateAsync<string>("() => document.body.dataset.result || '{}'")).RootElement;

        Assert.Null(error);
        Assert.Equal(patient.Id.ToString(), result.GetProperty("id").GetString());
        Assert.Equal(patient.FamilyName, result.GetProperty("family").GetString());
        Assert.Equal("Bundle", result.GetProperty("scores").GetString());
        Assert.StartsWith($"{appOrigin}/app/index.html", session.Page.Url, StringComparison.Ordinal);
    }
}

public sealed class SmartAppSqliteTests(BrowserFixture fixture) : SmartAppTests(fixture), IClassFixture<BrowserFixture>;

public sealed class SmartAppPostgreSqlTests(PostgreSqlBrowserFixture fixture) : SmartAppTests(fixture), IClassFixture<PostgreSqlBrowserFixture>;
