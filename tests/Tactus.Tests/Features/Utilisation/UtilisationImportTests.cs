using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Utilisation;

namespace Tactus.Tests.Features.Utilisation;

/// <summary>
/// Health-care use imported from the EHR as a FHIR Bundle of Encounters, Procedures and Claims (issue 14 §2): an
/// emergency encounter and the CPT codes of the reviewed ranges count (imaging 70010-79999, injections such as 64483,
/// emergency visits 99281-99285), the programme's own massage code (97124, clinical.md §2.1) and everything else are
/// skipped with a reason, one kind on one day counts once, and importing again adds nothing.
/// </summary>
public abstract class UtilisationImportTests(TactusApp app)
{
    private static StringContent Fhir(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/fhir+json"));

    private string Bundle() => $$$$"""
        {"resourceType":"Bundle","type":"collection","entry":[
          {"resource":{"resourceType":"Encounter","id":"ed-1","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"EMER"},
                       "period":{"start":"{{{{app.ClinicDay(40)}}}}T22:10:00Z"}}},
          {"resource":{"resourceType":"Encounter","id":"office-1","status":"finished","class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},
                       "period":{"start":"{{{{app.ClinicDay(30)}}}}T09:00:00Z"}}},
          {"resource":{"resourceType":"Procedure","id":"mri-1","status":"completed","subject":{"reference":"Patient/ehr-1"},
                       "code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"72148"}]},"performedDateTime":"{{{{app.ClinicDay(30)}}}}"}},
          {"resource":{"resourceType":"Procedure","id":"massage-1","status":"completed","subject":{"reference":"Patient/ehr-1"},
                       "code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"97124"}]},"performedDateTime":"{{{{app.ClinicDay(30)}}}}"}},
          {"resource":{"resourceType":"Procedure","id":"later-1","status":"preparation","subject":{"reference":"Patient/ehr-1"},
                       "code":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"63030"}]},"performedDateTime":"{{{{app.ClinicDay(-5)}}}}"}},
          {"resource":{"resourceType":"Claim","id":"claim-1","status":"active","use":"claim","created":"{{{{app.ClinicDay(15)}}}}","priority":{"coding":[{"code":"normal"}]},
                       "type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/claim-type","code":"professional"}]},
                       "patient":{"reference":"Patient/ehr-1"},"provider":{"display":"Valley Spine Clinic"},
                       "insurance":[{"sequence":1,"focal":true,"coverage":{"display":"Acme Health PPO"}}],
                       "item":[
                         {"sequence":1,"productOrService":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"64483"}]},"servicedDate":"{{{{app.ClinicDay(20)}}}}","net":{"value":850,"currency":"USD"}},
                         {"sequence":2,"productOrService":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"99283"}]},"servicedDate":"{{{{app.ClinicDay(40)}}}}","net":{"value":1200,"currency":"USD"}},
                         {"sequence":3,"productOrService":{"coding":[{"system":"http://www.ama-assn.org/go/cpt","code":"99213"}]},"servicedDate":"{{{{app.ClinicDay(20)}}}}","net":{"value":140,"currency":"USD"}}]}},
          {"resource":{"resourceType":"Observation","id":"bp-1","status":"final","code":{"text":"Blood pressure"}}}
        ]}
        """;

    [Fact]
    public async Task TheEhrsBundle_AddsTheUseItRecognises_NamesWhatItSkips_AndAddsNothingTheSecondTime()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Ysolde", familyName: "Pennack");
        var api = $"/api/patients/{loop.PatientId}/utilisation";

        var first = await loop.Therapist.PostAsync($"{api}/import", Fhir(Bundle()));
        var firstBody = await first.ReadJsonAsync();
        var again = await (await loop.Therapist.PostAsync($"{api}/import", Fhir(Bundle()))).ReadJsonAsync();
        var stored = await app.WithDbAsync(db => db.UtilisationEvents.AsNoTracking().Where(e => e.PatientId == loop.PatientId).OrderBy(e => e.OccurredOn).ToListAsync());
        var ids = stored.Select(e => e.Id.ToString()).ToList();
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(UtilisationEvent) && ids.Contains(a.EntityId!) && a.Action == AuditActions.Create));
        var skipped = firstBody.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("resource").GetString()!, s => s.GetProperty("reason").GetString()!);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(3, firstBody.GetProperty("imported").GetInt32());
        // The emergency visit on day −40 once, at its claim line's 1,200; the MRI at the price list; the injection at 850.
        Assert.Equal([(UtilisationKind.EmergencyVisit, app.ClinicDay(40), (decimal?)1200m), (UtilisationKind.Imaging, app.ClinicDay(30), null), (UtilisationKind.Injection, app.ClinicDay(20), 850m)],
            stored.Select(e => (e.Kind, e.OccurredOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), e.Cost)));
        Assert.Equal(["fhir:Claim/claim-1 line 2", "fhir:Procedure/mri-1", "fhir:Claim/claim-1 line 1"], stored.Select(e => e.Source));
        Assert.StartsWith("the same emergency visit", skipped["Encounter/ed-1"], StringComparison.Ordinal);
        Assert.StartsWith("only emergency encounters", skipped["Encounter/office-1"], StringComparison.Ordinal);
        Assert.Equal("CPT 97124 is not a kind of use the programme follows", skipped["Procedure/massage-1"]);
        Assert.Equal("dated after today", skipped["Procedure/later-1"]);
        Assert.Equal("CPT 99213 is not a kind of use the programme follows", skipped["Claim/claim-1 line 3"]);
        Assert.Equal("not an Encounter, Procedure or Claim", skipped["Observation/bp-1"]);
        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal(3, again.GetProperty("skipped").EnumerateArray().Count(s => s.GetProperty("reason").GetString() == "imported before"));
        Assert.Equal(3, audited);
    }

    [Fact]
    public async Task ABadBundle_IsAProblem_AndChangesNothing_AndTheRecordStaysInsideItsWalls()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Zillah", familyName: "Tremayne");
        var import = $"/api/patients/{loop.PatientId}/utilisation/import";
        var biller = await app.AsAsync(Roles.Biller);
        var harbor = await app.AsAsync(Roles.Clinician, TactusApp.OtherEmailDomain);

        var notJson = await loop.Therapist.PostAsync(import, Fhir("""{"resourceType":"Bundle","entry":["""));
        var notABundle = await loop.Therapist.PostAsync(import, Fhir("""{"resourceType":"Patient","id":"p"}"""));
        var plainText = await loop.Therapist.PostAsync(import, new StringContent(Bundle(), Encoding.UTF8, "text/plain"));
        var byBiller = await biller.PostAsync(import, Fhir(Bundle()));
        var elsewhere = await harbor.PostAsync(import, Fhir(Bundle()));
        var notJsonProblem = await notJson.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal("application/problem+json", notJson.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("The bundle could not be read", notJsonProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notABundle.StatusCode);
        Assert.Contains("not a Patient", (await notABundle.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainText.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byBiller.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.UtilisationEvents.IgnoreQueryFilters().CountAsync(e => e.PatientId == loop.PatientId)));
        Assert.Equal(JsonValueKind.Object, notJsonProblem.ValueKind);
    }
}

public sealed class UtilisationImportSqliteTests(SqliteApp app) : UtilisationImportTests(app), IClassFixture<SqliteApp>;

public sealed class UtilisationImportPostgreSqlTests(PostgreSqlApp app) : UtilisationImportTests(app), IClassFixture<PostgreSqlApp>;
