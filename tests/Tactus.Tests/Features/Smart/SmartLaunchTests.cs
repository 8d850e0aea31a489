using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using static Tactus.Tests.Infrastructure.SmartFlow;

namespace Tactus.Tests.Features.Smart;

/// <summary>
/// SMART App Launch 2.0 standalone launch, driven over HTTP as an app and a person would: authorise with PKCE, consent,
/// exchange the code, call FHIR with the token, refresh, revoke, and be refused after. A token never sees more than
/// the person could, and its scopes narrow that further.
/// </summary>
public abstract class SmartLaunchTests(TactusApp app)
{
    private static readonly string[] Allowed = ["openid", "fhirUser", "launch/patient", "offline_access", "patient/*.rs", "user/Patient.rs"];

    [Fact]
    public async Task Discovery_IsPublic_AndNamesTheEndpointsAndPkce()
    {
        var anonymous = app.CreateBrowserlessClient();

        var response = await anonymous.GetAsync("/fhir/.well-known/smart-configuration");
        var configuration = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.EndsWith("/connect/authorize", configuration.GetProperty("authorization_endpoint").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/connect/token", configuration.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.Equal(["S256"], configuration.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("launch-standalone", configuration.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("launch-ehr", configuration.GetProperty("capabilities").EnumerateArray().Select(e => e.GetString()));
    }

    /// <summary>A therapist opens a patient-level app for one patient: it reads that patient and no other, and cannot write.</summary>
    [Fact]
    public async Task PatientLaunch_ReadsTheChosenPatientOnly_AndCannotWrite()
    {
        var clientId = await app.RegisterAppAsync(Allowed);
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var otherOnCareTeam = await app.WithDbAsync(db => db.Patients.AsNoTracking()
            .Where(p => p.Id != patient.Id && p.CareTeam.Any(m => m.UserId == therapistId)).OrderBy(p => p.Mrn).FirstAsync());
        var withoutToken = await app.AsAsync(Roles.Therapist);
        Assert.Equal(HttpStatusCode.OK, (await withoutToken.GetAsync($"/fhir/Patient/{otherOnCareTeam.Id}")).StatusCode); // the person may see them
        var therapist = await app.AsAsync(Roles.Therapist);
        var pkce = Pkce.Create();

        var callback = Callback(await ConsentAsync(therapist, AuthorizeUrl(clientId, "openid fhirUser launch/patient patient/*.rs", pkce), "allow", patient.Mrn));
        var token = await ExchangeAsync(app.CreateBrowserlessClient(), clientId, callback["code"], pkce);
        var bearer = Bearer(token.GetProperty("access_token").GetString()!);

        var own = await bearer.GetAsync($"/fhir/Patient/{patient.Id}");
        var other = await bearer.GetAsync($"/fhir/Patient/{otherOnCareTeam.Id}");
        var search = await bearer.GetAsync("/fhir/Patient?_count=50");
        var write = await bearer.PostAsync("/fhir/Patient", new StringContent("""{"resourceType":"Patient"}""", System.Text.Encoding.UTF8, "application/fhir+json"));

        Assert.Equal("s1", callback["state"]);
        Assert.Equal(patient.Id.ToString(), token.GetProperty("patient").GetString());
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.Contains("patient/*.rs", token.GetProperty("scope").GetString(), StringComparison.Ordinal);
        var idToken = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token.GetProperty("id_token").GetString());
        var practitionerId = await app.WithDbAsync(db => db.Practitioners.Where(p => p.UserId == therapistId).Select(p => p.Id).SingleAsync());
        Assert.Equal($"Practitioner/{practitionerId}", idToken.GetClaim("fhirUser").Value);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        var searchBody = await search.Content.ReadAsStringAsync();
        Assert.True(search.StatusCode == HttpStatusCode.OK, searchBody);
        var found = JsonDocument.Parse(searchBody).RootElement.GetProperty("entry").EnumerateArray()
            .Select(e => e.GetProperty("resource").GetProperty("id").GetString()).ToList();
        Assert.Equal([patient.Id.ToString()], found);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
        Assert.Contains("insufficient_scope", write.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A user-level token sees what the person sees (their care team), never another organisation, and is audited as them.</summary>
    [Fact]
    public async Task UserLaunch_SeesWhatThePersonSees_AndNoMore_AndReadsAreAuditedAsThem()
    {
        var clientId = await app.RegisterAppAsync(Allowed);
        var onCareTeam = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var notOnCareTeam = await app.PatientNotOnCareTeamOfAsync(Roles.Therapist);
        var otherOrganization = await app.OtherOrganizationPatientAsync();
        var therapistId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        var pkce = Pkce.Create();
        var callback = Callback(await ConsentAsync(await app.AsAsync(Roles.Therapist), AuthorizeUrl(clientId, "user/Patient.rs", pkce), "allow"));
        var bearer = Bearer((await ExchangeAsync(app.CreateBrowserlessClient(), clientId, callback["code"], pkce)).GetProperty("access_token").GetString()!);

        var mark = await app.LastAuditSequenceAsync();
        var seen = await bearer.GetAsync($"/fhir/Patient/{onCareTeam.Id}");
        var unseen = await bearer.GetAsync($"/fhir/Patient/{notOnCareTeam.Id}");
        var foreign = await bearer.GetAsync($"/fhir/Patient/{otherOrganization.Id}");
        var report = await bearer.GetAsync($"/fhir/DiagnosticReport/{Guid.NewGuid()}");
        var audit = await app.AuditAfterAsync(mark);

        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, report.StatusCode); // no scope for DiagnosticReport
        Assert.Contains(audit, a => a.PatientId == onCareTeam.Id && a.Action == "read" && a.UserId == therapistId);
    }

    [Fact]
    public async Task Refresh_GivesANewAccessToken_AndRevokingTheAppStopsBothTokens()
    {
        var clientId = await app.RegisterAppAsync(Allowed);
        var patient = await app.WithDbAsync(db => db.Users.Where(u => u.Email == SignIn.DemoEmail(Roles.Patient)).Select(u => u.PatientId!.Value).SingleAsync());
        var person = await app.AsAsync(Roles.Patient);
        var pkce = Pkce.Create();
        var callback = Callback(await ConsentAsync(person, AuthorizeUrl(clientId, "launch/patient offline_access patient/*.rs", pkce), "allow"));
        var anonymous = app.CreateBrowserlessClient();
        var token = await ExchangeAsync(anonymous, clientId, callback["code"], pkce);
        var refresh = new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = token.GetProperty("refresh_token").GetString()!, ["client_id"] = clientId,
        };

        var refreshed = await TokenAsync(anonymous, refresh);
        var refreshedToken = await refreshed.ReadJsonAsync();
        var newAccess = refreshedToken.GetProperty("access_token").GetString()!;
        var beforeRevoke = await Bearer(newAccess).GetAsync($"/fhir/Patient/{patient}");

        var revoked = await person.PostFormAsync("/account/apps", new Dictionary<string, string> { ["clientId"] = clientId });
        var afterRevoke = await Bearer(newAccess).GetAsync($"/fhir/Patient/{patient}");
        var refreshAfterRevoke = await TokenAsync(anonymous, new Dictionary<string, string>(refresh)
        {
            ["refresh_token"] = refreshedToken.GetProperty("refresh_token").GetString()!,
        });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.Equal(patient.ToString(), refreshedToken.GetProperty("patient").GetString());
        Assert.Equal(HttpStatusCode.OK, beforeRevoke.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.StartsWith("Bearer", afterRevoke.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refreshAfterRevoke.StatusCode);
        Assert.Equal("invalid_grant", (await refreshAfterRevoke.ReadJsonAsync()).GetProperty("error").GetString());
    }

    /// <summary>Refusals an app must handle: a wrong PKCE verifier, a scope not registered, an app of another organisation, a denial.</summary>
    [Fact]
    public async Task Refusals_WrongVerifier_UnregisteredScope_ForeignApp_AndDenial()
    {
        var clientId = await app.RegisterAppAsync(Allowed);
        var foreignClientId = await app.RegisterAppAsync(Allowed, TactusApp.OtherEmailDomain);
        var therapist = await app.AsAsync(Roles.Therapist);
        var pkce = Pkce.Create();

        var code = Callback(await ConsentAsync(therapist, AuthorizeUrl(clientId, "user/Patient.rs", pkce), "allow"))["code"];
        var wrongVerifier = await TokenAsync(app.CreateBrowserlessClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["client_id"] = clientId,
            ["code_verifier"] = Pkce.Create().Verifier,
        });
        var unregistered = Callback(await ConsentAsync(therapist, AuthorizeUrl(clientId, "user/Patient.cruds", pkce), "allow"));
        var foreign = Callback(await ConsentAsync(therapist, AuthorizeUrl(foreignClientId, "user/Patient.rs", pkce), "allow"));
        var denied = Callback(await ConsentAsync(therapist, AuthorizeUrl(clientId, "user/Patient.rs", pkce), "deny"));

        Assert.Equal(HttpStatusCode.BadRequest, wrongVerifier.StatusCode);
        Assert.Equal("invalid_grant", (await wrongVerifier.ReadJsonAsync()).GetProperty("error").GetString());
        Assert.Equal("invalid_scope", unregistered["error"]);
        Assert.Equal("access_denied", foreign["error"]);
        Assert.Equal("access_denied", denied["error"]);
    }

    /// <summary>SR-11: a password, role or MFA change ends an app's access within the minute, as it ends other sessions.</summary>
    [Fact]
    public async Task ChangedSecurityStamp_EndsTheToken_WithinTheValidationInterval()
    {
        var clientId = await app.RegisterAppAsync(Allowed);
        var person = await app.AsAsync(Roles.Patient);
        var pkce = Pkce.Create();
        var callback = Callback(await ConsentAsync(person, AuthorizeUrl(clientId, "launch/patient patient/*.rs", pkce), "allow"));
        var token = await ExchangeAsync(app.CreateBrowserlessClient(), clientId, callback["code"], pkce);
        var bearer = Bearer(token.GetProperty("access_token").GetString()!);
        var patientId = token.GetProperty("patient").GetString();

        var before = await bearer.GetAsync($"/fhir/Patient/{patientId}");
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Tactus.Web.Features.Account.TactusUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByEmailAsync(SignIn.DemoEmail(Roles.Patient)))!);
        }

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await bearer.GetAsync($"/fhir/Patient/{patientId}");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("invalid_token", after.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoOrABadToken_Is401WithWwwAuthenticate_AndAnOperationOutcome()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);

        var none = await app.CreateBrowserlessClient().GetAsync($"/fhir/Patient/{patient.Id}");
        var forged = await Bearer("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.").GetAsync($"/fhir/Patient/{patient.Id}");

        foreach (var response in new[] { none, forged })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
            Assert.Equal("application/fhir+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private HttpClient Bearer(string accessToken) => app.BearerClient(accessToken);
}

public sealed class SmartLaunchSqliteTests(SqliteApp app) : SmartLaunchTests(app), IClassFixture<SqliteApp>;

public sealed class SmartLaunchPostgreSqlTests(PostgreSqlApp app) : SmartLaunchTests(app), IClassFixture<PostgreSqlApp>;
