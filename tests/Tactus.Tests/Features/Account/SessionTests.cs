using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Account;

/// <summary>SR-11 / ONC §170.315(d)(5): the server ends idle, over-long and signed-out sessions.</summary>
public sealed class SessionTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task TheRequestThatRevalidatesTheSession_StillActsAsTheSignedInPerson()
    {
        // The security stamp is revalidated once a minute; that request must keep the person's role and
        // organisation (regression: the scope was resolved as anonymous during revalidation).
        var therapist = await app.AsAsync(Roles.Therapist);
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var revalidating = await therapist.GetAsync($"/api/patients/{patient.Id}");
        var next = await therapist.GetAsync($"/api/patients/{patient.Id}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (revalidating.StatusCode, next.StatusCode));
    }

    [Fact]
    public async Task IdleFor16Minutes_EndsTheSession()
    {
        var client = await app.AsAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Patients")).StatusCode);

        app.Clock.Advance(TimeSpan.FromMinutes(14));
        var stillActive = await client.GetAsync("/Patients");
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var afterIdle = await client.GetAsync("/Patients");
        var apiAfterIdle = await client.GetAsync("/api/patients");

        Assert.Equal(HttpStatusCode.OK, stillActive.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterIdle.StatusCode);
        Assert.StartsWith("/Account/Login", afterIdle.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, apiAfterIdle.StatusCode);
    }

    [Fact]
    public async Task ActiveUse_StillEndsAfter12Hours()
    {
        var client = await app.AsAsync(Roles.Biller);
        var statuses = new List<(double Hours, HttpStatusCode Status)>();

        for (var elapsed = TimeSpan.Zero; elapsed <= TimeSpan.FromHours(12.5); elapsed += TimeSpan.FromMinutes(10))
        {
            statuses.Add((elapsed.TotalHours, (await client.GetAsync("/Patients")).StatusCode));
            app.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.All(statuses.Where(s => s.Hours < 11.9), s => Assert.Equal(HttpStatusCode.OK, s.Status));
        Assert.All(statuses.Where(s => s.Hours > 12.1), s => Assert.Equal(HttpStatusCode.Redirect, s.Status));
    }

    [Fact]
    public async Task SignOut_EndsCopiesOfTheSessionWithinAMinute()
    {
        var jar = new System.Net.CookieContainer();
        var original = app.CreateDefaultClient(new CookieContainerHandler(jar));
        var token = await SignIn.AntiforgeryTokenAsync(original, "/Account/Login");
        await original.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = SignIn.DemoEmail(Roles.Clinician), ["Input.Password"] = DemoClinic.Password, ["__RequestVerificationToken"] = token,
        }));
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copy.DefaultRequestHeaders.Add("Cookie", jar.GetCookieHeader(original.BaseAddress!));
        var copyBefore = await copy.GetAsync("/Patients");

        await original.PostFormAsync("/Patients", [], "/Account/Logout");
        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var copyAfter = await copy.GetAsync("/Patients");

        Assert.Equal(HttpStatusCode.OK, copyBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, copyAfter.StatusCode);
    }
}
