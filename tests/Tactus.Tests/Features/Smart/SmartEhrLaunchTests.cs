using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using static Tactus.Tests.Infrastructure.SmartFlow;

namespace Tactus.Tests.Features.Smart;

/// <summary>
/// SMART App Launch 2.0 EHR launch from a patient's record in Tactus, and the cross-origin access a browser app needs.
/// </summary>
public abstract class SmartEhrLaunchTests(TactusApp app)
{
    /// <summary>
    /// EHR launch (App Launch 2.0 §2.0.4): a clinician opens the app from a patient's record; the app receives iss and launch,
    /// authorises with them, and its token is for that patient, with no patient to choose. The launch is the clinician's alone.
    /// </summary>
    [Fact]
    public async Task EhrLaunch_FromAPatientsRecord_GivesATokenForThatPatient()
    {
        string[] allowed = ["openid", "fhirUser", "launch", "patient/*.rs"];
        var clientId = await app.RegisterAppAsync(allowed, launchable: true);
        var standaloneOnly = await app.RegisterAppAsync(allowed);
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var other = await app.WithDbAsync(db => db.Patients.AsNoTracking().Where(p => p.Id != patient.Id && p.CareTeam.Any(m => m.UserId == therapistId)).FirstAsync());
        var notTheirs = await app.PatientNotOnCareTeamOfAsync(Roles.Therapist);
        var therapist = await app.AsAsync(Roles.Therapist);
        var clinician = await app.AsAsync(Roles.Clinician);

        var record = await therapist.GetStringAsync($"/Patients/Details/{patient.Id}");
        var launched = await therapist.GetAsync($"/smart/launch/{clientId}?patient={patient.Id}");
        var location = launched.Headers.Location!;
        var query = QueryHelpers.ParseQuery(location.Query);
        var pkce = Pkce.Create();
        var consentPage = await therapist.GetAsync(AuthorizeUrl(clientId, "openid fhirUser launch patient/*.rs", pkce, launch: query["launch"]));
        var consent = await consentPage.Content.ReadAsStringAsync();
        var callback = Callback(await ConsentAsync(therapist, AuthorizeUrl(clientId, "openid fhirUser launch patient/*.rs", pkce, launch: query["launch"]), "allow"));
        var token = await ExchangeAsync(app.CreateBrowserlessClient(), clientId, callback["code"], pkce);
        var bearer = app.BearerClient(token.GetProperty("access_token").GetString()!);
        var someoneElses = Callback(await ConsentAsync(clinician, AuthorizeUrl(clientId, "openid launch patient/*.rs", Pkce.Create(), launch: query["launch"]), "allow"));
        var tampered = Callback(await ConsentAsync(therapist, AuthorizeUrl(clientId, "openid launch patient/*.rs", Pkce.Create(), launch: query["launch"] + "x"), "allow"));
        var withoutScope = Callback(await ConsentAsync(therapist, AuthorizeUrl(clientId, "openid patient/*.rs", Pkce.Create(), launch: query["launch"]), "allow"));

        Assert.Contains($"/smart/launch/{clientId}?patient={patient.Id}", record, StringComparison.Ordinal);
        Assert.DoesNotContain(standaloneOnly, record, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, launched.StatusCode);
        Assert.StartsWith(LaunchUri + "?", location.ToString(), StringComparison.Ordinal);
        Assert.Equal("http://localhost/fhir", query["iss"]);
        Assert.Contains(patient.Mrn, consent, StringComparison.Ordinal);
        // The browser applies form-action to the answer's redirect: the consent form may lead to the app's registered origin only.
        Assert.Contains("form-action 'self' https://app.example;", consentPage.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"PatientMrn\"", consent, StringComparison.Ordinal); // no patient to choose
        Assert.Equal(patient.Id.ToString(), token.GetProperty("patient").GetString());
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/fhir/Patient/{patient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bearer.GetAsync($"/fhir/Patient/{other.Id}")).StatusCode);
        Assert.Equal("access_denied", someoneElses["error"]);
        Assert.Equal("access_denied", tampered["error"]);
        Assert.Equal("invalid_request", withoutScope["error"]);
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.GetAsync($"/smart/launch/{clientId}?patient={notTheirs.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.GetAsync($"/smart/launch/{standaloneOnly}?patient={patient.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.GetAsync($"/smart/launch/{clientId}?patient=not-an-id")).StatusCode);
    }

    /// <summary>A browser app on another origin may call the token endpoint and /fhir (CORS), never with the person's cookies.</summary>
    [Fact]
    public async Task BrowserApps_MayCallTokenAndFhir_CrossOrigin_WithoutCredentials()
    {
        var anonymous = app.CreateBrowserlessClient();
        async Task<HttpResponseMessage> PreflightAsync(string path)
        {
            var request = new HttpRequestMessage(HttpMethod.Options, path);
            request.Headers.Add("Origin", "https://app.example");
            request.Headers.Add("Access-Control-Request-Method", "POST");
            request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
            return await anonymous.SendAsync(request);
        }

        var token = await PreflightAsync("/connect/token");
        var fhir = await PreflightAsync("/fhir/Patient");
        var page = await PreflightAsync("/Account/Login");
        var configuration = new HttpRequestMessage(HttpMethod.Get, "/fhir/.well-known/smart-configuration");
        configuration.Headers.Add("Origin", "https://app.example");
        var read = await anonymous.SendAsync(configuration);

        Assert.Equal("*", token.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Equal("*", fhir.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(fhir.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(page.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("*", read.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }
}

public sealed class SmartEhrLaunchSqliteTests(SqliteApp app) : SmartEhrLaunchTests(app), IClassFixture<SqliteApp>;

public sealed class SmartEhrLaunchPostgreSqlTests(PostgreSqlApp app) : SmartEhrLaunchTests(app), IClassFixture<PostgreSqlApp>;
