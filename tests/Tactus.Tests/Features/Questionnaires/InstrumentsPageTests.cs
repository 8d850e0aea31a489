using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>The instruments page, where a manager supplies what a licensed slot needs (its own clinic: it changes the catalogue).</summary>
public sealed class InstrumentsPageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>The instruments page takes the same value set as a pasted file; a bad one is shown with its reason and stores nothing.</summary>
    [Fact]
    public async Task ValueSet_PastedOnTheInstrumentsPage_IsShownThere_AndABadOneIsExplained()
    {
        var manager = await app.AsAsync(Roles.Manager, TactusApp.OtherEmailDomain);

        var notJson = await manager.PostFormAsync("/Instruments", new() { ["Code"] = "EQ-5D-5L", ["ValueSetJson"] = "{\"name\":" }, "/Instruments?handler=ValueSet");
        var incomplete = await manager.PostFormAsync("/Instruments", new() { ["Code"] = "EQ-5D-5L", ["ValueSetJson"] = """{"name":"X","source":"Y","rightsStatement":"Z","decrements":{}}""" },
            "/Instruments?handler=ValueSet");
        var before = await manager.GetStringAsync("/Instruments");
        var saved = await manager.PostFormAsync("/Instruments", new() { ["Code"] = "EQ-5D-5L", ["ValueSetJson"] = OutcomeMeasuresApiTests.ValueSet }, "/Instruments?handler=ValueSet");
        var after = await manager.GetStringAsync("/Instruments");
        var therapistPage = await (await app.AsAsync(Roles.Therapist, TactusApp.OtherEmailDomain)).GetStringAsync("/Instruments");

        Assert.Contains("not valid JSON", WebUtility.HtmlDecode(await notJson.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("needs 5 decrements", WebUtility.HtmlDecode(await incomplete.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("No value set: no utility is scored", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Value set: Illustrative value set", after, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"ValueSetJson\"", therapistPage, StringComparison.Ordinal);
    }
}
