using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Medications;

namespace Tactus.Tests.Features.Medications;

/// <summary>
/// A patient's opioids as structured statements (issue 14 §2), priced in MME/day from the CDC 2022 table (clinical.md
/// §6.3(a): oxycodone 10 mg twice a day → 30 MME/day; fentanyl patch 25 mcg/hr → 60; buprenorphine not converted).
/// </summary>
public abstract class OpioidStatementTests(TactusApp app)
{
    private string Day(int daysAgo) => app.ClinicDay(daysAgo);

    [Fact]
    public async Task TheTherapist_RecordsOpioids_AndTheDaysTotalSumsTheConvertedOnes()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Opal", familyName: "Merriweather");
        var api = $"/api/patients/{loop.PatientId}/opioids";

        var oxycodone = await (await loop.Therapist.PostAsync(api, Json.Body($$"""{"opioid":"oxycodone","strength":10,"dosesPerDay":2,"takenFrom":"{{Day(60)}}"}"""))).ReadJsonAsync();
        var patch = await (await loop.Therapist.PostAsync(api, Json.Body($$"""{"opioid":"fentanyl-transdermal","strength":25,"dosesPerDay":1,"takenFrom":"{{Day(30)}}"}"""))).ReadJsonAsync();
        var buprenorphine = await (await loop.Therapist.PostAsync(api, Json.Body($$"""{"opioid":"buprenorphine","strength":8,"dosesPerDay":1,"takenFrom":"{{Day(10)}}"}"""))).ReadJsonAsync();
        var before = await (await loop.Therapist.GetAsync(api)).ReadJsonAsync();
        var stopped = await loop.Therapist.PostAsync($"{api}/{oxycodone.GetProperty("id").GetGuid()}/stop", Json.Body($$"""{"lastDay":"{{Day(1)}}"}"""));
        var after = await (await loop.Therapist.GetAsync(api)).ReadJsonAsync();
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(OpioidStatement) && a.Action == AuditActions.Create
            && a.EntityId == oxycodone.GetProperty("id").GetGuid().ToString()));

        Assert.Equal(30m, oxycodone.GetProperty("mmePerDay").GetDecimal());
        Assert.Equal(60m, patch.GetProperty("mmePerDay").GetDecimal());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, buprenorphine.GetProperty("mmePerDay").ValueKind);
        Assert.Equal(90m, before.GetProperty("mmePerDayToday").GetDecimal());
        Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        Assert.Equal(60m, after.GetProperty("mmePerDayToday").GetDecimal());
        Assert.Equal(3, after.GetProperty("statements").GetArrayLength());
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task BadStatements_AreRefusedWithAProblem_AndNothingIsStored()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Pim", familyName: "Ashcombe");
        var api = $"/api/patients/{loop.PatientId}/opioids";

        var unknown = await loop.Therapist.PostAsync(api, Json.Body($$"""{"opioid":"aspirin","strength":10,"dosesPerDay":2,"takenFrom":"{{Day(3)}}"}"""));
        var future = await loop.Therapist.PostAsync(api, Json.Body($$"""{"opioid":"morphine","strength":10,"dosesPerDay":2,"takenFrom":"{{Day(-3)}}"}"""));
        var noStrength = await loop.Therapist.PostAsync(api, Json.Body($$"""{"opioid":"morphine","strength":0,"dosesPerDay":2,"takenFrom":"{{Day(3)}}"}"""));
        var notJson = await loop.Therapist.PostAsync(api, Json.Body("""{"opioid":"""));
        var unknownProblem = await unknown.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("not an opioid in the CDC 2022 table", unknownProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noStrength.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await app.WithDbAsync(db => db.OpioidStatements.IgnoreQueryFilters().CountAsync(s => s.PatientId == loop.PatientId)));
    }

    [Fact]
    public async Task AnotherOrganisation_GetsNotFound_AndABillerIsRefused()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Quill", familyName: "Hartigan");
        var api = $"/api/patients/{loop.PatientId}/opioids";
        var body = $$"""{"opioid":"morphine","strength":10,"dosesPerDay":2,"takenFrom":"{{Day(3)}}"}""";
        var otherClinician = await app.AsAsync(Roles.Clinician, TactusApp.OtherEmailDomain);
        var biller = await app.AsAsync(Roles.Biller);

        var otherRead = await otherClinician.GetAsync(api);
        var otherWrite = await otherClinician.PostAsync(api, Json.Body(body));
        var billerRead = await biller.GetAsync(api);

        Assert.Equal(HttpStatusCode.NotFound, otherRead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherWrite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, billerRead.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.OpioidStatements.IgnoreQueryFilters().CountAsync(s => s.PatientId == loop.PatientId)));
    }
}

public sealed class OpioidStatementSqliteTests(SqliteApp app) : OpioidStatementTests(app), IClassFixture<SqliteApp>;

public sealed class OpioidStatementPostgreSqlTests(PostgreSqlApp app) : OpioidStatementTests(app), IClassFixture<PostgreSqlApp>;
