using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>The catalogue and the stateless scoring endpoint (issue 04 §1).</summary>
public sealed class OutcomeMeasuresApiTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Catalogue_ListsTheInstrumentsWithTheirCodes()
    {
        var client = await app.AsAsync(Roles.Therapist);

        var list = await (await client.GetAsync("/api/instruments")).ReadJsonAsync();

        var rows = list.EnumerateArray().ToDictionary(i => i.GetProperty("code").GetString()!, i => i.GetProperty("slot").GetBoolean());
        Assert.False(rows["PHQ-9"]);
        Assert.False(rows["PCL-5"]);
        Assert.True(rows["HIT-6"]);
        Assert.True(rows["EQ-5D-5L"]);
        Assert.Equal(24, rows.Count);
    }

    [Fact]
    public async Task BandConvention_ChosenByAManager_BandsThatOrganisationsScores_AndIsAudited()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var therapist = await app.AsAsync(Roles.Therapist);
        var elsewhere = await app.AsAsync(Roles.Therapist, TactusApp.OtherEmailDomain);
        var before = await app.LastAuditSequenceAsync();
        const string four = """{"answers":{"pain":4}}""";

        var byTherapist = await therapist.PutAsync("/api/instruments/NPRS/bands", Json.Body("""{"convention":"serlin-1995"}"""));
        var unknown = await manager.PutAsync("/api/instruments/NPRS/bands", Json.Body("""{"convention":"made-up"}"""));
        var nothingToChoose = await manager.PutAsync("/api/instruments/GAD-7/bands", Json.Body("""{"convention":"published"}"""));
        var defaultBand = (await (await therapist.PostAsync("/api/instruments/NPRS/score", Json.Body(four))).ReadJsonAsync()).GetProperty("band").GetString();
        var chosen = await manager.PutAsync("/api/instruments/NPRS/bands", Json.Body("""{"convention":"serlin-1995"}"""));
        var ours = (await (await therapist.PostAsync("/api/instruments/NPRS/score", Json.Body(four))).ReadJsonAsync()).GetProperty("band").GetString();
        var theirs = (await (await elsewhere.PostAsync("/api/instruments/NPRS/score", Json.Body(four))).ReadJsonAsync()).GetProperty("band").GetString();
        var audit = await app.AuditAfterAsync(before);
        await manager.PutAsync("/api/instruments/NPRS/bands", Json.Body("""{"convention":"three-six"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, byTherapist.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothingToChoose.StatusCode);
        Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        Assert.Equal(("moderate", "mild", "moderate"), (defaultBand, ours, theirs));
        Assert.Contains(audit, e => e.EntityType == "InstrumentBandChoice" && e.Action == Tactus.Web.Features.Audit.AuditActions.Create);
    }

    [Fact]
    public async Task AnInstrumentWithoutBands_ShowsItsScoreWithoutAnEmptyBand()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = (await (await clinician.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Ruth","familyName":"Ambler","birthDate":"1958-02-14"}"""))).ReadJsonAsync()).GetProperty("id").GetGuid();

        var recorded = await clinician.PostAsync($"/api/patients/{patient}/measures", Json.Body("""{"instrument":"PEG","answers":{"pain":6,"enjoyment":5,"activity":4}}"""));
        var page = await clinician.GetStringAsync($"/Patients/Details/{patient}");
        var cell = System.Text.RegularExpressions.Regex.Match(page, "data-testid=\"latest-PEG\">([^<]*)<").Groups[1].Value;

        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        Assert.Equal("5", cell);
    }

    internal const string ValueSet = """
        {"name":"Illustrative value set","source":"Made up for this test","rightsStatement":"EuroQol registration 2026-77","constant":0.05,
         "decrements":{"mobility":[0,0.04,0.08,0.2,0.3],"self-care":[0,0.04,0.08,0.2,0.3],"usual-activities":[0,0.04,0.08,0.2,0.3],
                       "pain-discomfort":[0,0.04,0.08,0.2,0.3],"anxiety-depression":[0,0.04,0.08,0.2,0.3]}}
        """;

    /// <summary>
    /// A utility instrument's value set (issue 14 §3: QALYs only with a utility instrument the organisation licensed): the
    /// manager supplies it, the organisation's EQ-5D-5L then scores a utility; a bad one changes nothing, a therapist
    /// may not supply one, and another organisation's EQ-5D-5L still has none.
    /// </summary>
    [Fact]
    public async Task ValueSet_SuppliedByAManager_ScoresUtilitiesForThatOrganisationOnly()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var therapist = await app.AsAsync(Roles.Therapist);
        var elsewhere = await app.AsAsync(Roles.Therapist, TactusApp.OtherEmailDomain);
        const string state = """{"answers":{"mobility":2,"self-care":1,"usual-activities":3,"pain-discomfort":1,"anxiety-depression":2}}""";

        var storedBefore = await app.WithDbAsync(db => db.InstrumentValueSets.IgnoreQueryFilters().CountAsync());
        var before = await therapist.PostAsync("/api/instruments/EQ-5D-5L/score", Json.Body(state));
        var byTherapist = await therapist.PutAsync("/api/instruments/EQ-5D-5L/value-set", Json.Body(ValueSet));
        var missingLevel = await manager.PutAsync("/api/instruments/EQ-5D-5L/value-set", Json.Body(ValueSet.Replace("[0,0.04,0.08,0.2,0.3]}", "[0,0.04,0.08,0.2]}", StringComparison.Ordinal)));
        var tooLow = await manager.PutAsync("/api/instruments/EQ-5D-5L/value-set", Json.Body(ValueSet.Replace("0.3]", "1.9]", StringComparison.Ordinal)));
        var notAUtility = await manager.PutAsync("/api/instruments/NPRS/value-set", Json.Body(ValueSet));
        var nothingStored = await app.WithDbAsync(db => db.InstrumentValueSets.IgnoreQueryFilters().CountAsync());
        var supplied = await manager.PutAsync("/api/instruments/EQ-5D-5L/value-set", Json.Body(ValueSet));
        var ours = await (await therapist.PostAsync("/api/instruments/EQ-5D-5L/score", Json.Body(state))).ReadJsonAsync();
        var theirs = await elsewhere.PostAsync("/api/instruments/EQ-5D-5L/score", Json.Body(state));

        // Without a value set the answers cannot be scored: a problem that says why, as for any unscorable set of answers.
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Contains("value set your organisation may use", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, byTherapist.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingLevel.StatusCode);
        Assert.Contains("needs 5 decrements", await missingLevel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLow.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, notAUtility.StatusCode);
        Assert.Equal(storedBefore, nothingStored);
        Assert.Equal(HttpStatusCode.OK, supplied.StatusCode);
        Assert.Equal(0.79m, ours.GetProperty("total").GetDecimal()); // 1 − 0.05 − (0.04 + 0.08 + 0.04)
        Assert.Equal(HttpStatusCode.BadRequest, theirs.StatusCode);
    }

    private static string IsiWording(int items, string rights = "Mapi licence 2026-123, valid to 2028") =>
        "{\"rightsStatement\":\"" + rights + "\",\"items\":{" + string.Join(",", Enumerable.Range(1, items).Select(i =>
            $"\"s{i}\":{{\"text\":\"Licensed item {i}\",\"options\":{{\"0\":\"None\",\"4\":\"Very severe\"}}}}")) + "}}";

    [Fact]
    public async Task Wording_SuppliedByAManager_FillsTheSlotForThatOrganisationOnly()
    {
        var manager = await app.AsAsync(Roles.Manager);

        var response = await manager.PutAsync("/api/instruments/ISI/wording", Json.Body(IsiWording(7)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var isi = await (await (await app.AsAsync(Roles.Therapist)).GetAsync("/api/instruments/ISI")).ReadJsonAsync();
        Assert.Equal("Licensed item 1", isi.GetProperty("items")[0].GetProperty("text").GetString());
        Assert.Equal("Very severe", isi.GetProperty("items")[0].GetProperty("options")[4].GetProperty("label").GetString());
        var elsewhere = await (await (await app.AsAsync(Roles.Therapist, TactusApp.OtherEmailDomain)).GetAsync("/api/instruments/ISI")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, elsewhere.GetProperty("items")[0].GetProperty("text").ValueKind);
    }

    [Fact]
    public async Task Wording_MissingAnItemOrTheRights_IsRefusedAndStoresNothing()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var before = await app.LastAuditSequenceAsync();

        var sixItems = await manager.PutAsync("/api/instruments/NDI/wording", Json.Body(IsiWording(6).Replace("\"4\"", "\"5\"", StringComparison.Ordinal)));
        var noRights = await manager.PutAsync("/api/instruments/NDI/wording", Json.Body(IsiWording(10, "")));
        var freeInstrument = await manager.PutAsync("/api/instruments/PHQ-9/wording", Json.Body(IsiWording(9)));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, sixItems.StatusCode);
        Assert.Contains("Item 's7' needs its wording.", (await sixItems.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("right to use this wording", (await noRights.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, freeInstrument.StatusCode);
        Assert.Equal(before, await app.LastAuditSequenceAsync());
        var therapist = await (await app.AsAsync(Roles.Therapist)).PutAsync("/api/instruments/NDI/wording", Json.Body(IsiWording(10)));
        Assert.Equal(HttpStatusCode.Forbidden, therapist.StatusCode);
        var ndi = await (await manager.GetAsync("/api/instruments/NDI")).ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, ndi.GetProperty("items")[0].GetProperty("text").ValueKind);
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
