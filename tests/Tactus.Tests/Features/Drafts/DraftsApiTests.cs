using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Drafts;

namespace Tactus.Tests.Features.Drafts;

/// <summary>
/// A draft is its author's alone and outlives the session it was typed in: after the idle time-out ends the session,
/// signing in again gives the text back (issue 10 §5). Nobody else reads it, in or outside the organisation.
/// </summary>
public sealed class DraftsApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Key = "/Sessions/Edit/00000000-0000-0000-0000-00000000abcd";

    [Fact]
    public async Task Draft_SurvivesTheTimeOut_ForItsAuthorOnly()
    {
        var therapist = await app.AsAsync(Roles.Therapist);
        var colleague = app.CreateBrowserlessClient();
        await colleague.PostLoginAsync("therapist2@riverside.example", DemoClinic.Password);
        var foreign = await app.AsAsync(Roles.Therapist, TactusApp.OtherEmailDomain);

        var saved = await therapist.PutAsync("/api/drafts", Json.Body($$$"""{"key":"{{{Key}}}","fields":{"Form.Subjective":["Neck stiff after a long drive"],"__RequestVerificationToken":["x"]}}"""));
        var byColleague = await colleague.GetAsync($"/api/drafts?key={Uri.EscapeDataString(Key)}");
        var byForeign = await foreign.GetAsync($"/api/drafts?key={Uri.EscapeDataString(Key)}");
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var afterTimeout = await therapist.GetAsync($"/api/drafts?key={Uri.EscapeDataString(Key)}");
        var again = await app.AsAsync(Roles.Therapist);
        var back = await (await again.GetAsync($"/api/drafts?key={Uri.EscapeDataString(Key)}")).ReadAsync<DraftsApi.DraftDto>();

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.NoContent), (byColleague.StatusCode, byForeign.StatusCode));
        Assert.Equal(HttpStatusCode.Unauthorized, afterTimeout.StatusCode);
        Assert.Equal(["Neck stiff after a long drive"], back!.Fields["Form.Subjective"]);
        Assert.False(back.Fields.ContainsKey("__RequestVerificationToken"));
    }

    [Fact]
    public async Task KeepAlive_RenewsTheSession_ItsHolderChoseToKeep()
    {
        var therapist = await app.AsAsync(Roles.Therapist);

        app.Clock.Advance(TimeSpan.FromMinutes(13));
        var kept = await therapist.PostAsync("/api/session/keep-alive", null);
        app.Clock.Advance(TimeSpan.FromMinutes(13));
        var stillSignedIn = await therapist.GetAsync("/api/instruments");

        Assert.Equal(HttpStatusCode.NoContent, kept.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
    }
}
