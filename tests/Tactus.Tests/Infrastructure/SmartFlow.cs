using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Web.Features.Smart;

namespace Tactus.Tests.Infrastructure;

/// <summary>
/// A SMART app's side of App Launch 2.0 over real HTTP: registration by the organisation, the authorisation request
/// with PKCE (S256), the person's consent form as a browser posts it, and the token exchange.
/// </summary>
public static partial class SmartFlow
{
    public const string RedirectUri = "https://app.example/callback";

    public const string LaunchUri = "https://app.example/launch";

    public static async Task<string> RegisterAppAsync(this TactusApp app, string[] allowedScopes, string domain = "riverside.example", bool launchable = false)
    {
        var organizationId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == SignIn.DemoEmail("manager", domain)).Select(u => u.OrganizationId).SingleAsync());
        await using var scope = app.SystemScope();
        var registered = await scope.ServiceProvider.GetRequiredService<SmartApps>().RegisterAsync(organizationId,
            new SmartApps.Registration("Pain diary", [new Uri(RedirectUri)], allowedScopes, Confidential: false, launchable ? new Uri(LaunchUri) : null));
        return registered.ClientId;
    }

    public sealed record Pkce(string Verifier, string Challenge)
    {
        public static Pkce Create()
        {
            var verifier = Base64UrlTextEncoder.Encode(RandomNumberGenerator.GetBytes(32));
            return new Pkce(verifier, Base64UrlTextEncoder.Encode(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(verifier))));
        }
    }

    /// <param name="launch">An EHR launch's opaque launch value, passed back as the app received it.</param>
    public static string AuthorizeUrl(string clientId, string scope, Pkce pkce, string state = "s1", string? launch = null)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["response_type"] = "code", ["client_id"] = clientId, ["redirect_uri"] = RedirectUri, ["scope"] = scope, ["state"] = state,
            ["code_challenge"] = pkce.Challenge, ["code_challenge_method"] = "S256", ["aud"] = "http://localhost/fhir",
        };
        if (launch is not null)
        {
            parameters["launch"] = launch;
        }

        return QueryHelpers.AddQueryString("/connect/authorize", parameters);
    }

    /// <summary>Opens the consent screen and answers it; returns the redirect back to the app.</summary>
    public static async Task<HttpResponseMessage> ConsentAsync(HttpClient person, string authorizeUrl, string decision, string? patientMrn = null)
    {
        var page = await person.GetAsync(authorizeUrl);
        if (page.StatusCode != HttpStatusCode.OK)
        {
            return page; // refused before any consent screen (an error redirect to the app)
        }

        var html = await page.Content.ReadAsStringAsync();
        var fields = HiddenInput().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        fields.Add(("__RequestVerificationToken", WebUtility.HtmlDecode(AntiforgeryInput().Match(html).Groups[1].Value)));
        fields.Add(("decision", decision));
        if (patientMrn is not null)
        {
            fields.Add(("PatientMrn", patientMrn));
        }

        return await person.PostAsync("/connect/authorize", new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))));
    }

    /// <summary>The query of a redirect back to the app (code and state, or error).</summary>
    public static Dictionary<string, string> Callback(HttpResponseMessage redirect)
    {
        var location = redirect.Headers.Location?.ToString() ?? throw new InvalidOperationException($"No redirect ({(int)redirect.StatusCode}).");
        if (!location.StartsWith(RedirectUri, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Redirected to {location}, not to the app.");
        }

        return QueryHelpers.ParseQuery(new Uri(location).Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    /// <summary>A client that calls as an app with the access token given.</summary>
    public static HttpClient BearerClient(this TactusApp app, string accessToken)
    {
        var client = app.CreateBrowserlessClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    public static Task<HttpResponseMessage> TokenAsync(HttpClient client, Dictionary<string, string> form) =>
        client.PostAsync("/connect/token", new FormUrlEncodedContent(form));

    public static async Task<JsonElement> ExchangeAsync(HttpClient client, string clientId, string code, Pkce pkce)
    {
        var response = await TokenAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = RedirectUri, ["client_id"] = clientId, ["code_verifier"] = pkce.Verifier,
        });
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(body).RootElement.Clone() : throw new InvalidOperationException($"Token exchange failed: {body}");
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenInput();
}
