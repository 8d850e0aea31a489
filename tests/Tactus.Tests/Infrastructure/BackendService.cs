using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Smart;

namespace Tactus.Tests.Infrastructure;

/// <summary>
/// A SMART Backend Services client (https://hl7.org/fhir/smart-app-launch/backend-services.html) as an integration
/// engine is one: registered with its public key, it signs a client assertion (private_key_jwt, RS384) and trades it for
/// a short system/ token.
/// </summary>
public static class BackendService
{
    public sealed record Backend(string ClientId, RsaSecurityKey Key);

    public static async Task<Backend> RegisterBackendAsync(this TactusApp app, string[] scopes, string domain = "riverside.example")
    {
        var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = Guid.NewGuid().ToString("N") };
        var publicJwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false)) { KeyId = key.KeyId });
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", n = publicJwk.N, e = publicJwk.E, kid = publicJwk.Kid, alg = "RS384", use = "sig" } } });
        var organizationId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == SignIn.DemoEmail(Roles.Manager, domain)).Select(u => u.OrganizationId).SingleAsync());
        await using var scope = app.SystemScope();
        var registered = await scope.ServiceProvider.GetRequiredService<SmartApps>().RegisterBackendAsync(organizationId,
            new SmartApps.BackendRegistration("Interface engine", jwks, scopes, Roles.Manager));
        return new Backend(registered.ClientId, key);
    }

    /// <param name="now">The server's time (the tests' clock), which the assertion's lifetime must fit.</param>
    public static string Assertion(string clientId, SecurityKey key, string audience = "http://localhost/connect/token", DateTime? now = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString("N") },
            IssuedAt = now ?? DateTime.UtcNow,
            NotBefore = now ?? DateTime.UtcNow,
            Expires = (now ?? DateTime.UtcNow).AddMinutes(4),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha384),
        });

    public static Task<HttpResponseMessage> BackendTokenAsync(this TactusApp app, string clientId, string assertion, string scope) =>
        app.CreateBrowserlessClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["scope"] = scope,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", ["client_assertion"] = assertion,
        }));

    /// <summary>A fresh access token of the backend for the scopes given.</summary>
    public static async Task<string> BackendAccessTokenAsync(this TactusApp app, Backend backend, string scope)
    {
        var response = await app.BackendTokenAsync(backend.ClientId, Assertion(backend.ClientId, backend.Key, now: app.Clock.GetUtcNow().UtcDateTime), scope);
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK
            ? JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!
            : throw new InvalidOperationException($"The backend's token was refused: {body}");
    }

    /// <summary>A client carrying a fresh token of the backend for the scopes given.</summary>
    public static async Task<HttpClient> BackendClientAsync(this TactusApp app, Backend backend, string scope)
    {
        return app.BearerClient(await app.BackendAccessTokenAsync(backend, scope));
    }
}
