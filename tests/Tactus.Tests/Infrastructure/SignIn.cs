using System.Net;
using System.Text.RegularExpressions;
using Tactus.Web.Data.Seed;

namespace Tactus.Tests.Infrastructure;

/// <summary>Signs in through the real login form (antiforgery token and all), as a browser would.</summary>
public static partial class SignIn
{
    public static string DemoEmail(string role, string domain = "riverside.example") =>
        role == "patient"
            ? DemoClinic.PortalPatientEmail.Replace("riverside.example", domain, StringComparison.Ordinal)
            : DemoClinic.Staff.First(s => s.Role == role).Email.Replace("riverside.example", domain, StringComparison.Ordinal);

    public static async Task<HttpClient> AsAsync(this TactusApp app, string role, string domain = "riverside.example")
    {
        var client = app.CreateBrowserlessClient();
        var response = await client.PostLoginAsync(DemoEmail(role, domain), DemoClinic.Password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location!.OriginalString.StartsWith("/Account", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Sign-in as {role} failed: {(int)response.StatusCode} {ErrorOf(await response.Content.ReadAsStringAsync())}");
        }

        return client;
    }

    /// <summary>The error summary of a page that refused a form, for a failure message.</summary>
    private static string ErrorOf(string html) =>
        Regex.Match(html, "class=\"error-summary\"[^>]*>(.*?)</div>", RegexOptions.Singleline) is { Success: true } m ? Regex.Replace(m.Groups[1].Value, "<[^>]+>", " ").Trim() : "";

    public static async Task<HttpResponseMessage> PostLoginAsync(this HttpClient client, string email, string password)
    {
        var token = await AntiforgeryTokenAsync(client, "/Account/Login");
        return await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        return TokenPattern().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {path}");
    }

    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string pagePath,
        Dictionary<string, string> fields, string? postPath = null)
    {
        fields["__RequestVerificationToken"] = await AntiforgeryTokenAsync(client, pagePath);
        return await client.PostAsync(postPath ?? pagePath, new FormUrlEncodedContent(fields));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
