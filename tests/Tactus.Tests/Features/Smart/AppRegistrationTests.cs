using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using static Tactus.Tests.Infrastructure.SmartFlow;

namespace Tactus.Tests.Features.Smart;

/// <summary>An administrator registers a SMART app through the page; the app can then be authorised by the organisation's people.</summary>
public abstract partial class AppRegistrationTests(TactusApp app)
{
    [Fact]
    public async Task Administrator_RegistersAnApp_ThatPeopleCanThenAuthorise()
    {
        var admin = await app.AsAsync(Roles.Administrator);

        var page = await admin.PostFormAsync("/Admin/Apps", new Dictionary<string, string>
        {
            ["Input.Name"] = "Home exercise diary", ["Input.RedirectUris"] = RedirectUri, ["Input.Scopes"] = "launch/patient patient/*.rs",
        });
        var html = await page.Content.ReadAsStringAsync();
        var clientId = ClientId().Match(html).Groups[1].Value;
        var pkce = Pkce.Create();
        var callback = Callback(await ConsentAsync(await app.AsAsync(Roles.Patient), AuthorizeUrl(clientId, "launch/patient patient/*.rs", pkce), "allow"));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.StartsWith("tactus-", clientId, StringComparison.Ordinal);
        Assert.Contains("Home exercise diary", html, StringComparison.Ordinal);
        Assert.True(callback.ContainsKey("code"));
    }

    [Fact]
    public async Task Registration_RefusesAPlainHttpRedirectAndUnknownScopes_AndOtherRoles()
    {
        var admin = await app.AsAsync(Roles.Administrator);
        var manager = await app.AsAsync(Roles.Manager);

        var refused = await admin.PostFormAsync("/Admin/Apps", new Dictionary<string, string>
        {
            ["Input.Name"] = "Leaky", ["Input.RedirectUris"] = "http://evil.example/cb", ["Input.Scopes"] = "patient/*.rs admin",
        });
        var html = await refused.Content.ReadAsStringAsync();
        var byManager = await manager.GetAsync("/Admin/Apps");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("is not an https address", html, StringComparison.Ordinal);
        Assert.Contains("&#x27;admin&#x27; is not a SMART scope", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Client id: <code>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, byManager.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", byManager.Headers.Location?.PathAndQuery ?? byManager.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_RegistersABackendService_WithItsPublicKeys_AndAKeyWithAPrivatePartIsRefused()
    {
        var admin = await app.AsAsync(Roles.Administrator);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var publicKey = rsa.ExportParameters(false);
        var privateKey = rsa.ExportParameters(true);
        string Jwks(System.Security.Cryptography.RSAParameters key) => System.Text.Json.JsonSerializer.Serialize(new
        {
            keys = new[] { new Dictionary<string, string?>
            {
                ["kty"] = "RSA", ["kid"] = "k1", ["n"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(key.Modulus), ["e"] = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(key.Exponent),
                ["d"] = key.D is null ? null : Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(key.D),
            }.Where(p => p.Value is not null).ToDictionary() },
        });

        var registered = await (await admin.PostFormAsync("/Admin/Apps", new Dictionary<string, string>
        {
            ["Backend.Name"] = "Interface engine", ["Backend.Jwks"] = Jwks(publicKey), ["Backend.Scopes"] = "system/Patient.rs", ["Backend.Role"] = "manager",
        }, "/Admin/Apps?handler=Backend")).Content.ReadAsStringAsync();
        var withPrivate = await (await admin.PostFormAsync("/Admin/Apps", new Dictionary<string, string>
        {
            ["Backend.Name"] = "Leaky engine", ["Backend.Jwks"] = Jwks(privateKey), ["Backend.Scopes"] = "system/Patient.rs", ["Backend.Role"] = "manager",
        }, "/Admin/Apps?handler=Backend")).Content.ReadAsStringAsync();
        var userScope = await (await admin.PostFormAsync("/Admin/Apps", new Dictionary<string, string>
        {
            ["Backend.Name"] = "Wide engine", ["Backend.Jwks"] = Jwks(publicKey), ["Backend.Scopes"] = "system/Patient.rs user/Patient.rs", ["Backend.Role"] = "manager",
        }, "/Admin/Apps?handler=Backend")).Content.ReadAsStringAsync();

        Assert.StartsWith("tactus-svc-", ClientId().Match(registered).Groups[1].Value, StringComparison.Ordinal);
        Assert.Contains("Backend service", registered, StringComparison.Ordinal);
        Assert.Contains("no private parts", withPrivate, StringComparison.Ordinal);
        Assert.DoesNotContain("Client id: <code>", withPrivate, StringComparison.Ordinal);
        Assert.Contains("&#x27;user/Patient.rs&#x27; is not a system/ scope.", userScope, StringComparison.Ordinal);
        Assert.DoesNotContain("Client id: <code>", userScope, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdministrator_RegistersAnEhrForDecisionSupport_AndOnlyTheAdministrator()
    {
        var admin = await app.AsAsync(Roles.Administrator);
        var manager = await app.AsAsync(Roles.Manager);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var key = rsa.ExportParameters(false);
        var jwks = System.Text.Json.JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = "ehr-1", n = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(key.Modulus), e = Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(key.Exponent) } } });
        var issuer = $"https://ehr-{Guid.NewGuid():N}.riverside.example/";

        var registered = await (await admin.PostFormAsync("/Admin/DecisionSupport", new Dictionary<string, string>
        {
            ["Input.Name"] = "Riverside EHR", ["Input.Issuer"] = issuer, ["Input.Jwks"] = jwks,
        })).Content.ReadAsStringAsync();
        var again = await (await admin.PostFormAsync("/Admin/DecisionSupport", new Dictionary<string, string>
        {
            ["Input.Name"] = "Riverside EHR again", ["Input.Issuer"] = issuer, ["Input.Jwks"] = jwks,
        })).Content.ReadAsStringAsync();
        var notKeys = await (await admin.PostFormAsync("/Admin/DecisionSupport", new Dictionary<string, string>
        {
            ["Input.Name"] = "Broken EHR", ["Input.Issuer"] = "https://broken.example/", ["Input.Jwks"] = "{\"keys\": 7",
        })).Content.ReadAsStringAsync();
        var byManager = await manager.GetAsync("/Admin/DecisionSupport");
        var stored = await app.WithDbAsync(db => db.CdsClients.IgnoreQueryFilters().CountAsync(c => c.Issuer == issuer || c.Issuer == "https://broken.example/"));

        Assert.Contains("Riverside EHR is registered.", registered, StringComparison.Ordinal);
        Assert.Contains($"<code>{issuer}</code>", registered, StringComparison.Ordinal);
        Assert.Contains("registered already", again, StringComparison.Ordinal);
        Assert.Contains("not a JWKS", notKeys, StringComparison.Ordinal);
        Assert.Equal(1, stored);
        Assert.NotEqual(System.Net.HttpStatusCode.OK, byManager.StatusCode);
    }

    [GeneratedRegex("Client id: <code>([^<]+)</code>")]
    private static partial Regex ClientId();
}

public sealed class AppRegistrationSqliteTests(SqliteApp app) : AppRegistrationTests(app), IClassFixture<SqliteApp>;

public sealed class AppRegistrationPostgreSqlTests(PostgreSqlApp app) : AppRegistrationTests(app), IClassFixture<PostgreSqlApp>;
