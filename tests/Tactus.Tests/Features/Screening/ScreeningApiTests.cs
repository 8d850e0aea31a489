using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Screening;

namespace Tactus.Tests.Features.Screening;

/// <summary>POST /api/screening/evaluate: findings out, nothing stored.</summary>
public sealed class ScreeningApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Evaluate_WarfarinAndRecentSurgery_ReturnsFindingsWithSourcesAndStoresNothing()
    {
        var client = await app.AsAsync(Roles.Therapist);
        var before = await app.LastAuditSequenceAsync();

        var response = await client.PostAsync("/api/screening/evaluate", Json.Body("""
            {"answers":{"recentSurgeryDate":"2026-11-01","surgeryRegions":["abdomen"]},
             "diagnoses":["M54.50"],"medications":["Warfarin 5 mg daily"],"asOf":"2026-11-27"}
            """));
        var json = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rules = json.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("ruleId").GetString()).ToList();
        Assert.Equal(["recent-surgery", "bleeding-risk"], rules);
        Assert.True(json.GetProperty("blocksSession").GetBoolean());
        Assert.Equal(2, json.GetProperty("maxPressure").GetInt32());
        Assert.Equal("abdomen", json.GetProperty("avoidRegions")[0].GetString());
        Assert.All(json.GetProperty("findings").EnumerateArray(), f => Assert.NotEmpty(f.GetProperty("source").GetString()!));
        Assert.Equal(before, await app.LastAuditSequenceAsync());
    }

    [Theory]
    [InlineData("""{"answers":{"fractureRegions":["tail"]}}""", "answers")]
    [InlineData("""{"answers":{},"diagnoses":["not-a-code"]}""", "diagnoses")]
    [InlineData("""{"answers":{"systolicBp":900}}""", "SystolicBp")]
    [InlineData("""{"answers":{"recentSurgeryDate":"yesterday"}}""", null)]
    [InlineData("""{"answers":{},"patientId":"x"}""", null)]
    [InlineData("""{"answers":{},"diagnoses":null}""", "diagnoses")]
    [InlineData("""{"answers":{},"medications":[null]}""", "medications")]
    [InlineData("""{"answers":{"highRiskPregnancy":true}}""", "Pregnant")]
    [InlineData("""{"answers":{"limbInfection":true}}""", "LymphedemaRegions")]
    [InlineData("""{"answers":{"dvtHistory":true}}""", "DvtAffectedRegions")]
    public async Task Evaluate_BadInput_Answers400Problem(string body, string? field)
    {
        var client = await app.AsAsync(Roles.Clinician);

        var response = await client.PostAsync("/api/screening/evaluate", Json.Body(body));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            Assert.Contains(field, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Evaluate_IsForSignedInStaff()
    {
        var anonymous = await app.CreateBrowserlessClient().PostAsync("/api/screening/evaluate", Json.Body("""{"answers":{}}"""));
        var patient = await (await app.AsAsync(Roles.Patient)).PostAsync("/api/screening/evaluate", Json.Body("""{"answers":{}}"""));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, patient.StatusCode);
    }
}
