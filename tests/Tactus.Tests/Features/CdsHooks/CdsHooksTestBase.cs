using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.CdsHooks;
using Tactus.Web.Features.Referrals;
using Task = System.Threading.Tasks.Task;

namespace Tactus.Tests.Features.CdsHooks;

/// <summary>
/// An EHR's side of CDS Hooks 2.0 for the tests: registered with its key, signing a JWT per call, posting hook requests
/// built from FHIR JSON, and the shape every card must have.
/// </summary>
public abstract class CdsHooksTestBase(TactusApp app)
{
    protected TactusApp App => app;

    protected sealed record Ehr(string Issuer, RsaSecurityKey Key);

    protected static string Example(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Features", "CdsHooks", "Examples", name));

    protected async Task<Ehr> RegisterEhrAsync()
    {
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString("N") };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId });
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", n = jwk.N, e = jwk.E, kid = jwk.Kid, alg = "RS384", use = "sig" } } });
        // Same origin as the tests' server: the EHR's FHIR server is this Tactus's /fhir.
        var issuer = $"http://localhost/ehr-{Guid.NewGuid():N}";
        var organizationId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == SignIn.DemoEmail(Roles.Manager)).Select(u => u.OrganizationId).SingleAsync());
        await using var scope = app.SystemScope();
        await scope.ServiceProvider.GetRequiredService<CdsClients>().RegisterAsync(organizationId, new CdsClients.Registration("Riverside EHR", issuer, jwks));
        return new Ehr(issuer, key);
    }

    protected string Jwt(Ehr ehr, string audience, string? jti = null, SecurityKey? key = null, string algorithm = SecurityAlgorithms.RsaSha384, TimeSpan? lifetime = null, string? issuer = null)
    {
        var now = app.Clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? ehr.Issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(2)),
            Claims = new Dictionary<string, object> { ["jti"] = jti ?? Guid.NewGuid().ToString("N") },
            SigningCredentials = new SigningCredentials(key ?? ehr.Key, algorithm),
        });
    }

    protected Task<HttpResponseMessage> CallAsync(Ehr ehr, string service, string body, string? token = null, string mediaType = "application/json")
    {
        var client = app.CreateBrowserlessClient();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/cds-services/{service}") { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Jwt(ehr, $"http://localhost/cds-services/{service}"));
        return client.SendAsync(request);
    }

    protected static async Task<JsonElement> CardsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("cards").Clone();
    }

    /// <summary>A card as CDS Hooks 2.0 "Card Attributes" requires it.</summary>
    protected static void AssertWellFormed(JsonElement card)
    {
        Assert.True(card.GetProperty("summary").GetString()!.Length < 140);
        Assert.Contains(card.GetProperty("indicator").GetString(), new[] { "info", "warning", "critical" });
        Assert.False(string.IsNullOrEmpty(card.GetProperty("source").GetProperty("label").GetString()));
        Assert.True(Guid.TryParse(card.GetProperty("uuid").GetString(), out _));
        if (card.TryGetProperty("suggestions", out var suggestions))
        {
            Assert.Contains(card.GetProperty("selectionBehavior").GetString(), new[] { "at-most-one", "any" });
            Assert.All(suggestions.EnumerateArray(), s => Assert.All(s.GetProperty("actions").EnumerateArray(),
                a => Assert.Contains(a.GetProperty("type").GetString(), new[] { "create", "update", "delete" })));
        }

        if (card.TryGetProperty("overrideReasons", out var reasons))
        {
            Assert.All(reasons.EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("display").GetString())));
        }
    }

    protected static string Call(string hook, JsonNode context, JsonObject? prefetch = null, JsonObject? fhir = null)
    {
        var call = new JsonObject { ["hook"] = hook, ["hookInstance"] = Guid.NewGuid().ToString(), ["context"] = context };
        if (prefetch is not null)
        {
            call["prefetch"] = prefetch;
        }

        if (fhir is not null)
        {
            foreach (var (name, value) in fhir)
            {
                call[name] = value?.DeepClone();
            }
        }

        return call.ToJsonString();
    }

    protected static JsonObject Bundle(params JsonNode[] resources) => new()
    {
        ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = new JsonArray(resources.Select(r => (JsonNode)new JsonObject { ["resource"] = r }).ToArray()),
    };

    protected static JsonObject Coded(string system, string code, string display) =>
        new() { ["coding"] = new JsonArray(new JsonObject { ["system"] = system, ["code"] = code, ["display"] = display }), ["text"] = display };

    protected const string Icd10 = "http://hl7.org/fhir/sid/icd-10-cm";
}
