using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.OutcomeMeasures;

/// <summary>The catalogue and the stateless scoring endpoint (issue 04 §1).</summary>
public sealed class OutcomeMeasuresApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Catalogue_ListsTheInstrumentsWithTheirCodes()
    {
        var client = await app.AsAsync(Roles.Therapist);

        var list = await (await client.GetAsync("/api/instruments")).ReadJsonAsync();

        Assert.Equal(["GAD-2", "GAD-7", "NPRS", "PHQ-2", "PHQ-9"], list.EnumerateArray().Select(i => i.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Score_Phq9WithItem9Positive_ReturnsTotalBandAndTheSafetyFlag()
    {
        var client = await app.AsAsync(Roles.Therapist);
        var before = await app.LastAuditSequenceAsync();

        var response = await client.PostAsync("/api/instruments/phq-9/score", Json.Body(
            """{"answers":{"q1":1,"q2":1,"q3":0,"q4":1,"q5":0,"q6":0,"q7":0,"q8":0,"q9":1}}"""));
        var result = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((4m, "minimal"), (result.GetProperty("total").GetDecimal(), result.GetProperty("band").GetString()));
        Assert.Equal("positive", result.GetProperty("safetyFlags")[0].GetProperty("kind").GetString());
        Assert.Equal(before, await app.LastAuditSequenceAsync());
    }

    [Theory]
    [InlineData("/api/instruments/phq-9/score", """{"answers":{"q1":7}}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/instruments/phq-9/score", """{"answers":{"q1":"often"}}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/instruments/odi-99/score", """{"answers":{}}""", HttpStatusCode.NotFound)]
    public async Task Score_BadRequests_AreRefusedClearly(string url, string body, HttpStatusCode expected)
    {
        var client = await app.AsAsync(Roles.Therapist);

        var response = await client.PostAsync(url, Json.Body(body));

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task Score_Incomplete_SaysWhyItCannotBeScored()
    {
        var client = await app.AsAsync(Roles.Clinician);

        var result = await (await client.PostAsync("/api/instruments/gad-7/score", Json.Body("""{"answers":{"q1":2,"q2":2}}"""))).ReadJsonAsync();

        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("total").ValueKind);
        Assert.Contains("5 of 7 are missing", result.GetProperty("cannotScoreReason").GetString(), StringComparison.Ordinal);
    }
}
