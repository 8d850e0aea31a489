using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;

namespace Tactus.Tests.Features.Account;

/// <summary>The production figure: 20 sign-in attempts a minute from one address (SR-08).</summary>
public sealed class RateLimitedApp() : TactusApp(TestStore.Sqlite)
{
    protected override int SignInAttemptsPerMinute => 20;
}

public sealed class SignInRateLimitTests(RateLimitedApp app) : IClassFixture<RateLimitedApp>
{
    [Fact]
    public async Task TwentyFirstAttemptInAMinute_Answers429WithRetryAfter_EvenWithTheRightPassword()
    {
        var client = app.CreateBrowserlessClient();
        var token = await SignIn.AntiforgeryTokenAsync(client, "/Account/Login");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            statuses.Add((await client.PostAsync("/Account/Login", Form($"spray-{i}@riverside.example", "wrong password here", token))).StatusCode);
        }

        var twentyFirst = await client.PostAsync("/Account/Login", Form("manager@riverside.example", DemoClinic.Password, token));
        var page = await client.GetAsync("/Account/Login");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, twentyFirst.StatusCode);
        Assert.True(int.Parse(twentyFirst.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Contains("Too many sign-in attempts", await twentyFirst.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static FormUrlEncodedContent Form(string email, string password, string token) => new(new Dictionary<string, string>
    {
        ["Input.Email"] = email, ["Input.Password"] = password, ["__RequestVerificationToken"] = token,
    });
}
