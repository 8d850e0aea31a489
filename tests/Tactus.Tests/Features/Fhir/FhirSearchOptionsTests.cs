using System.Net;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Task = System.Threading.Tasks.Task;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// The common search options integrators use (FHIR R4 §3.1.1.5): <c>_summary=count</c> (a count that reads no patient),
/// <c>_lastUpdated</c>, and <c>_include</c> / <c>_revinclude</c> between patients and their referrals and scores, bounded
/// and only for callers who may read what is brought along.
/// </summary>
public abstract class FhirSearchOptionsTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static async Task<Bundle> SearchAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {body}");
        return JsonSerializer.Deserialize<Bundle>(body, Fhir)!;
    }

    [Fact]
    public async Task SummaryCount_CountsTheMatches_AndReadsNoPatient()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var organizationId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == SignIn.DemoEmail(Roles.Manager)).Select(u => u.OrganizationId).SingleAsync());
        var all = await app.WithDbAsync(db => db.Patients.CountAsync(p => p.OrganizationId == organizationId && p.MergedIntoId == null));
        var mark = await app.LastAuditSequenceAsync();

        var counted = await SearchAsync(manager, "/fhir/Patient?_summary=count");
        var reads = (await app.AuditAfterAsync(mark)).Count(a => a.Action == "read" && a.EntityType == "Patient");

        Assert.Equal(all, counted.Total);
        Assert.Empty(counted.Entry);
        Assert.Equal(0, reads);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/fhir/Patient?_summary=true")).StatusCode);
    }

    [Fact]
    public async Task Id_FindsTheResourcesNamed_WithinTheCallersReach()
    {
        var loop = await app.ReferAndAssignAsync(familyName: "Idris");
        Assert.True((await loop.RecordIntakeAsync("{}")).IsSuccessStatusCode);
        var checkedIn = await loop.CheckInAsync("""{"painBefore":6,"stressBefore":4}""");
        var visitId = (await checkedIn.ReadJsonAsync()).GetProperty("id").GetGuid();
        var other = await app.PatientNotOnCareTeamOfAsync(Roles.Therapist);
        var foreign = await app.OtherOrganizationPatientAsync();

        var patients = await SearchAsync(loop.Manager, $"/fhir/Patient?_id={loop.PatientId},{other.Id},{foreign.Id}");
        var referral = await SearchAsync(loop.Manager, $"/fhir/ServiceRequest?_id={loop.ReferralId}");
        var rating = await SearchAsync(loop.Therapist, $"/fhir/Observation?patient={loop.PatientId}&_id={visitId:N}-pain-before");

        Assert.Equal(new[] { loop.PatientId.ToString(), other.Id.ToString() }.Order(), patients.Entry.Select(e => e.Resource!.Id).Order());
        Assert.Equal(loop.ReferralId.ToString(), Assert.Single(referral.Entry).Resource!.Id);
        Assert.Equal($"{visitId:N}-pain-before", Assert.Single(rating.Entry).Resource!.Id);
    }

    /// <summary>The parameters issue 12 §1 names for each type, each checked against what the record holds.</summary>
    [Fact]
    public async Task TheParametersIntegratorsUse_FindWhatTheRecordHolds()
    {
        var loop = await app.ReferAndAssignAsync(familyName: "Ysolde");
        Assert.True((await loop.RecordIntakeAsync("{}")).IsSuccessStatusCode);
        Assert.True((await loop.CheckInAsync("""{"painBefore":6,"stressBefore":4}""")).IsSuccessStatusCode);
        Assert.Equal(HttpStatusCode.Created, (await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/measures", Json.Body("""{"instrument":"NPRS","answers":{"pain":5}}"""))).StatusCode);
        var clinicianId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Clinician));
        var practitionerId = await app.WithDbAsync(db => db.Practitioners.Where(p => p.UserId == clinicianId).Select(p => p.Id).SingleAsync());
        var yesterday = app.Clock.GetUtcNow().AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var p = loop.PatientId;

        async Task<int> CountAsync(HttpClient client, string url) => (await SearchAsync(client, url)).Entry.Count(e => e.Search!.Mode == Bundle.SearchEntryMode.Match);

        Assert.Equal(1, await CountAsync(loop.Manager, "/fhir/Patient?family=ysolde&gender=female")); // ReferAndAssign registers a woman
        Assert.Equal(0, await CountAsync(loop.Manager, "/fhir/Patient?family=ysolde&gender=male"));
        Assert.Equal(1, await CountAsync(loop.Manager, $"/fhir/ServiceRequest?patient={p}&authored=ge{yesterday}&requester=Practitioner/{practitionerId}&code=medical-massage"));
        Assert.Equal(0, await CountAsync(loop.Manager, $"/fhir/ServiceRequest?patient={p}&authored=lt2000-01-01"));
        Assert.Equal(0, await CountAsync(loop.Manager, $"/fhir/ServiceRequest?patient={p}&code=http://snomed.info/sct|229065009"));
        Assert.Equal(0, await CountAsync(loop.Manager, $"/fhir/ServiceRequest?patient={p}&requester=Practitioner/{Guid.NewGuid()}"));
        Assert.Equal(1, await CountAsync(loop.Therapist, $"/fhir/QuestionnaireResponse?patient={p}&questionnaire=Questionnaire/NPRS&authored=ge{yesterday}"));
        Assert.Equal(0, await CountAsync(loop.Therapist, $"/fhir/QuestionnaireResponse?patient={p}&questionnaire=PHQ-9"));
        Assert.Equal(1, await CountAsync(loop.Therapist, $"/fhir/Encounter?patient={p}&status=in-progress"));
        Assert.Equal(0, await CountAsync(loop.Therapist, $"/fhir/Encounter?patient={p}&status=finished"));
        Assert.Equal(HttpStatusCode.BadRequest, (await loop.Manager.GetAsync("/fhir/Patient?gender=f")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await loop.Manager.GetAsync("/fhir/ServiceRequest?requester=Dr%20Who")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await loop.Therapist.GetAsync("/fhir/QuestionnaireResponse?questionnaire=NPRS")).StatusCode);
        Assert.Empty(FhirValidation.Errors(await SearchAsync(loop.Therapist, $"/fhir/QuestionnaireResponse?patient={p}")));
    }

    [Fact]
    public async Task LastUpdated_FindsWhatChangedInTheRange()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var before = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        var created = await clinician.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Ottilie","familyName":"Quarrington","birthDate":"1958-02-11","sex":"Female"}"""));
        Assert.True(created.IsSuccessStatusCode);
        var stamp = Uri.EscapeDataString(before.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture));

        var since = await SearchAsync(clinician, $"/fhir/Patient?family=quarrington&_lastUpdated=gt{stamp}");
        var until = await SearchAsync(clinician, $"/fhir/Patient?family=quarrington&_lastUpdated=le{stamp}");

        Assert.Single(since.Entry);
        Assert.Empty(until.Entry);
        Assert.Equal(HttpStatusCode.BadRequest, (await clinician.GetAsync("/fhir/Patient?_lastUpdated=yesterday")).StatusCode);
    }

    [Fact]
    public async Task IncludeAndRevInclude_BringPatientsAndTheirReferralsAndScores()
    {
        var loop = await app.ReferAndAssignAsync(familyName: "Vosper");
        Assert.Equal(HttpStatusCode.Created, (await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/measures", Json.Body("""{"instrument":"NPRS","answers":{"pain":5}}"""))).StatusCode);

        var withReferrals = await SearchAsync(loop.Manager, "/fhir/Patient?family=vosper&_revinclude=ServiceRequest:patient");
        var withScores = await SearchAsync(loop.Manager, "/fhir/Patient?family=vosper&_revinclude=Observation:subject");
        var referralsWithPatient = await SearchAsync(loop.Manager, $"/fhir/ServiceRequest?patient={loop.PatientId}&_include=ServiceRequest:patient");
        var scoresWithPatient = await SearchAsync(loop.Therapist, $"/fhir/Observation?patient={loop.PatientId}&_include=Observation:patient");
        var portal = await app.AsAsync(Roles.Patient);
        var portalRevInclude = await portal.GetAsync("/fhir/Patient?_revinclude=Observation:patient");

        Assert.Equal(loop.ReferralId.ToString(), withReferrals.Entry.Single(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Resource!.Id);
        Assert.Equal(loop.PatientId.ToString(), withReferrals.Entry.Single(e => e.Search!.Mode == Bundle.SearchEntryMode.Match).Resource!.Id);
        Assert.Single(withScores.Entry, e => e.Search!.Mode == Bundle.SearchEntryMode.Include && e.Resource is Observation);
        Assert.Equal(loop.PatientId.ToString(), referralsWithPatient.Entry.Single(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Resource!.Id);
        Assert.IsType<Hl7.Fhir.Model.Patient>(scoresWithPatient.Entry.Single(e => e.Search!.Mode == Bundle.SearchEntryMode.Include).Resource);
        Assert.Equal(HttpStatusCode.Forbidden, portalRevInclude.StatusCode); // a patient's portal does not read scores through FHIR
        Assert.Equal(HttpStatusCode.BadRequest, (await loop.Manager.GetAsync("/fhir/ServiceRequest?_include=ServiceRequest:requester")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await loop.Manager.GetAsync("/fhir/Patient?_revinclude=Condition:patient")).StatusCode);
        Assert.Empty(FhirValidation.Errors(withReferrals));
    }
}

/// <summary>_sort where the index gives the order (newest first); another order is refused, never silently ignored.</summary>
public abstract class FhirSortTests(TactusApp app)
{
    [Fact]
    public async Task Sort_IsTheIndexOrder_OrRefused()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        using var strict = new HttpRequestMessage(HttpMethod.Get, "/fhir/Patient?_sort=birthdate");
        strict.Headers.Add("Prefer", "handling=strict");

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/fhir/ServiceRequest?_sort=-authored&_count=2")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync("/fhir/ServiceRequest?_sort=authored")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/fhir/Observation?patient={patient.Id}&_sort=-date")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.GetAsync($"/fhir/Encounter?patient={patient.Id}&_sort=status")).StatusCode);
        Assert.Contains("_sort", await manager.GetStringAsync("/fhir/Patient?_sort=birthdate&_count=1"), StringComparison.Ordinal); // reported as ignored
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.SendAsync(strict)).StatusCode);
    }
}

public sealed class FhirSortSqliteTests(SqliteApp app) : FhirSortTests(app), IClassFixture<SqliteApp>;

public sealed class FhirSortPostgreSqlTests(PostgreSqlApp app) : FhirSortTests(app), IClassFixture<PostgreSqlApp>;

public sealed class FhirSearchOptionsSqliteTests(SqliteApp app) : FhirSearchOptionsTests(app), IClassFixture<SqliteApp>;

public sealed class FhirSearchOptionsPostgreSqlTests(PostgreSqlApp app) : FhirSearchOptionsTests(app), IClassFixture<PostgreSqlApp>;
