using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Smart;

namespace Tactus.Tests.Features.Smart;

/// <summary>
/// SMART Backend Services (https://hl7.org/fhir/smart-app-launch/backend-services.html): an integration engine signs a
/// client assertion with its private key (private_key_jwt, RS384), gets a five-minute token for system/ scopes, and reads
/// as its service account: the whole organisation, never another, never beyond its scopes.
/// </summary>
public abstract class SmartBackendTests(TactusApp app)
{
    private Task<BackendService.Backend> RegisterAsync(string[] scopes) => app.RegisterBackendAsync(scopes);

    private static string Assertion(string clientId, SecurityKey key, string audience = "http://localhost/connect/token") =>
        BackendService.Assertion(clientId, key, audience);

    private Task<HttpResponseMessage> TokenAsync(string clientId, string assertion, string scope) => app.BackendTokenAsync(clientId, assertion, scope);

    [Fact]
    public async Task SignedAssertion_GetsAShortSystemToken_ThatReadsTheOrganisationOnly()
    {
        var backend = await RegisterAsync(["system/Patient.rs", "system/ServiceRequest.rs"]);
        var notOnAnyCareTeamOfTherapist = await app.PatientNotOnCareTeamOfAsync(Roles.Therapist);
        var foreign = await app.OtherOrganizationPatientAsync();

        var response = await TokenAsync(backend.ClientId, Assertion(backend.ClientId, backend.Key), "system/Patient.rs");
        var token = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, token.ToString());
        var client = app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        var own = await client.GetAsync($"/fhir/Patient/{notOnAnyCareTeamOfTherapist.Id}");
        var other = await client.GetAsync($"/fhir/Patient/{foreign.Id}");
        var outsideScope = await client.GetAsync("/fhir/ServiceRequest?_count=1");
        var write = await client.PostAsync("/fhir/Patient", new StringContent("""{"resourceType":"Patient"}""", System.Text.Encoding.UTF8, "application/fhir+json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(token.GetProperty("expires_in").GetInt32(), 1, 300);
        Assert.False(token.TryGetProperty("refresh_token", out _));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outsideScope.StatusCode); // registered for it, but not asked for
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task WrongKey_UnregisteredScope_AndUserScopes_AreRefused()
    {
        var backend = await RegisterAsync(["system/Patient.rs"]);
        var stranger = new RsaSecurityKey(RSA.Create(2048)) { KeyId = backend.Key.KeyId };

        var wrongKey = await TokenAsync(backend.ClientId, Assertion(backend.ClientId, stranger), "system/Patient.rs");
        var wrongAudience = await TokenAsync(backend.ClientId, Assertion(backend.ClientId, backend.Key, "https://elsewhere.example/token"), "system/Patient.rs");
        var unregistered = await TokenAsync(backend.ClientId, Assertion(backend.ClientId, backend.Key), "system/Observation.rs");
        var userScope = await TokenAsync(backend.ClientId, Assertion(backend.ClientId, backend.Key), "user/Patient.rs");

        Assert.Equal("invalid_client", (await wrongKey.ReadJsonAsync()).GetProperty("error").GetString());
        var audienceRefusal = await wrongAudience.ReadJsonAsync();
        Assert.Equal(HttpStatusCode.BadRequest, wrongAudience.StatusCode);
        Assert.False(audienceRefusal.TryGetProperty("access_token", out _));
        Assert.Contains(audienceRefusal.GetProperty("error").GetString(), new[] { "invalid_client", "invalid_token" });
        Assert.Equal("invalid_scope", (await unregistered.ReadJsonAsync()).GetProperty("error").GetString());
        Assert.Equal("invalid_scope", (await userScope.ReadJsonAsync()).GetProperty("error").GetString());
    }
}

public sealed class SmartBackendSqliteTests(SqliteApp app) : SmartBackendTests(app), IClassFixture<SqliteApp>;

public sealed class SmartBackendPostgreSqlTests(PostgreSqlApp app) : SmartBackendTests(app), IClassFixture<PostgreSqlApp>;
