using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.BulkData;
using Tactus.Web.Features.Screening;

using static Tactus.Tests.Features.BulkData.BulkExportClient;

namespace Tactus.Tests.Features.BulkData;

/// <summary>
/// FHIR Bulk Data Access 2.0 export (https://hl7.org/fhir/uv/bulkdata/export.html): what an export holds. Exactly what
/// the service account may see, every type valid R4, a cohort or a _since narrowing it, audited patient by patient.
/// </summary>
public abstract class BulkExportTests(TactusApp app)
{
    [Fact]
    public async Task SystemExport_GivesTheOrganisationsPatients_AsNdjsonWithADigest_AuditedPerPatient()
    {
        var backend = await app.RegisterBackendAsync([AllRead]);
        var client = await app.BackendClientAsync(backend, AllRead);
        var foreign = await app.OtherOrganizationPatientAsync();
        var organizationId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == SignIn.DemoEmail(Roles.Manager)).Select(u => u.OrganizationId).SingleAsync());
        var expected = await app.WithDbAsync(db => db.Patients.Where(p => p.OrganizationId == organizationId).Select(p => p.Id).ToListAsync());
        var therapist = await app.AsAsync(Roles.Therapist);
        var treated = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var recorded = await therapist.PostAsync($"/api/patients/{treated.Id}/measures", Json.Body("""{"instrument":"PEG","answers":{"pain":6,"enjoyment":5,"activity":4}}"""));
        Assert.True(recorded.IsSuccessStatusCode);
        var expectedResponses = await app.WithDbAsync(db => db.MeasureResponses.CountAsync(r => r.OrganizationId == organizationId));
        // Each visit adds its pain and stress before, and after once the note records them.
        var sessions = await app.WithDbAsync(db => db.TreatmentSessions.AsNoTracking().Where(v => v.OrganizationId == organizationId).ToListAsync());
        expectedResponses += sessions.Sum(v => 2 + (v.Note.PainAfter is null ? 0 : 1) + (v.Note.StressAfter is null ? 0 : 1));

        var manifest = await ExportAsync(client, "/fhir/$export?_type=Patient,Observation");
        Assert.True(manifest.GetProperty("output").GetArrayLength() == 2, manifest.ToString());
        var url = FileUrl(manifest, "Patient");
        var download = await client.GetAsync(url);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        var patients = await ResourcesAsync<Hl7.Fhir.Model.Patient>(client, url);
        var observations = await ResourcesAsync<Observation>(client, FileUrl(manifest, "Observation"));
        var listed = manifest.GetProperty("output").EnumerateArray().Single(o => o.GetProperty("type").GetString() == "Patient");
        var serviceAccount = await app.WithDbAsync(db => db.Users.Where(u => u.Email == backend.ClientId + "@apps.tactus.invalid").Select(u => u.Id).SingleAsync());
        var auditedPatients = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters()
            .Where(a => a.UserId == serviceAccount && a.Action == "read" && a.EntityType == "Patient").Select(a => a.PatientId).Distinct().CountAsync());

        Assert.Equal(BulkExportApi.NdjsonType, download.Content.Headers.ContentType?.MediaType);
        Assert.True(manifest.GetProperty("requiresAccessToken").GetBoolean());
        Assert.EndsWith("/fhir/$export?_type=Patient,Observation", manifest.GetProperty("request").GetString());
        Assert.True(DateTimeOffset.TryParse(manifest.GetProperty("transactionTime").GetString(), out _));
        Assert.Equal(expected.Order(), patients.Select(p => Guid.Parse(p.Id!)).Order());
        Assert.DoesNotContain(patients, p => p.Id == foreign.Id.ToString());
        Assert.Equal(expected.Count, listed.GetProperty("count").GetInt32());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), listed.GetProperty("extension").GetProperty("sha256").GetString());
        Assert.Equal(expectedResponses, observations.Count);
        Assert.Contains(observations, o => o.Subject!.Reference == $"Patient/{treated.Id}" && o.Value is Quantity { Value: 5m });
        Assert.All(observations, o => Assert.StartsWith("Patient/", o.Subject!.Reference));
        Assert.Equal(expected.Count, auditedPatients); // each patient's read is in the audit, under the service account
    }

    [Fact]
    public async Task EveryExportedType_ValidatesAgainstR4()
    {
        var client = await app.BackendClientAsync(await app.RegisterBackendAsync([AllRead]), AllRead);
        // A patient in treatment, so that every type has something to export: intake, findings, plan and goals, a rated visit.
        var loop = await app.ReferAndAssignAsync(familyName: "Tregenza");
        Assert.True((await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/intake", Json.Body("""
            {"answers":{},"medications":["Warfarin 5 mg daily"],"allergies":"Latex","preferences":{"pauseWord":"amber"},"consentToTreatment":true,"consentGivenBy":"patient"}
            """))).IsSuccessStatusCode);
        Assert.True((await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Json.Body("""
            {"goals":[{"description":"Pain at rest","instrument":"NPRS","target":"≤ 4","targetDate":"2027-03-01"}],"sessionsPerWeek":1,"weeks":6,"techniques":["swedish"],
             "measures":[{"instrument":"NPRS","atBaseline":true,"everyVisits":1,"atDischarge":true}],"reportEveryVisits":0,"reportEveryDays":0}
            """))).IsSuccessStatusCode);
        Assert.True((await loop.CheckInAsync("""{"painBefore":6,"stressBefore":4}""")).IsSuccessStatusCode);

        var manifest = await ExportAsync(client, "/fhir/$export");
        var types = manifest.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("type").GetString()!).ToList();
        var errors = new List<string>();
        foreach (var type in types)
        {
            foreach (var resource in (await ResourcesAsync<Resource>(client, FileUrl(manifest, type))).Take(3))
            {
                Assert.Equal(type, resource.TypeName);
                errors.AddRange(FhirValidation.Errors(resource).Select(e => $"{type}/{resource.Id}: {e}"));
            }
        }

        Assert.Superset(new HashSet<string> { "Patient", "Condition", "ServiceRequest", "Encounter", "Observation", "Practitioner", "Organization",
            "MedicationStatement", "AllergyIntolerance", "Consent", "Flag", "CarePlan", "Goal" }, types.ToHashSet());
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task GroupExport_GivesTheCohortReferredForTheCondition()
    {
        var client = await app.BackendClientAsync(await app.RegisterBackendAsync([AllRead]), AllRead);
        var organizationId = await app.WithDbAsync(db => db.Users.Where(u => u.Email == SignIn.DemoEmail(Roles.Manager)).Select(u => u.OrganizationId).SingleAsync());
        // By hand: patients with a referral coded under one of chronic low back pain's prefixes (protocols.json).
        var referrals = (await app.WithDbAsync(db => db.Referrals.AsNoTracking().Where(r => r.OrganizationId == organizationId).ToListAsync()))
            .Select(r => new { r.PatientId, Codes = r.Diagnoses.Select(d => d.Code).ToList() });
        string[] prefixes = ["M54.5", "M54.4", "M54.3", "M62.830", "S39.012A"];
        var expected = referrals.Where(r => r.Codes.Any(c => prefixes.Any(p => ContraindicationEngine.NormalizeCode(c).StartsWith(ContraindicationEngine.NormalizeCode(p), StringComparison.Ordinal))))
            .Select(r => r.PatientId).Distinct().ToList();

        var group = JsonSerializer.Deserialize<Group>(await client.GetStringAsync("/fhir/Group/chronic-low-back-pain"), FhirJson)!;
        var groups = JsonSerializer.Deserialize<Bundle>(await client.GetStringAsync("/fhir/Group"), FhirJson)!;
        var manifest = await ExportAsync(client, "/fhir/Group/chronic-low-back-pain/$export?_type=Patient,ServiceRequest");
        var patients = await ResourcesAsync<Hl7.Fhir.Model.Patient>(client, FileUrl(manifest, "Patient"));
        var serviceRequests = await ResourcesAsync<ServiceRequest>(client, FileUrl(manifest, "ServiceRequest"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Count, group.Quantity);
        Assert.Contains(groups.Entry, e => e.Resource!.Id == "chronic-low-back-pain");
        Assert.Equal(expected.Order(), patients.Select(p => Guid.Parse(p.Id!)).Order());
        Assert.All(serviceRequests, s => Assert.Contains(Guid.Parse(s.Subject!.Reference!["Patient/".Length..]), expected));
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(KickOff("/fhir/Group/no-such-cohort/$export"))).StatusCode);
    }

    [Fact]
    public async Task Since_ExportsOnlyWhatChangedAfterIt()
    {
        var client = await app.BackendClientAsync(await app.RegisterBackendAsync([AllRead]), AllRead);
        var patient = await app.PatientNotOnCareTeamOfAsync(Roles.Therapist);
        var later = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero);
        await using (var scope = app.SystemScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<Tactus.Web.Data.TactusDbContext>();
            await db.Patients.Where(p => p.Id == patient.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.UpdatedAt, later.AddDays(1)));
        }

        var manifest = await ExportAsync(client, "/fhir/Patient/$export?_type=Patient&_since=2099-01-01T00:00:00Z");
        var patients = await ResourcesAsync<Hl7.Fhir.Model.Patient>(client, FileUrl(manifest, "Patient"));
        var none = await ExportAsync(client, "/fhir/Patient/$export?_type=Patient&_since=2099-06-01T00:00:00%2B02:00");

        Assert.Equal([patient.Id.ToString()], patients.Select(p => p.Id));
        Assert.Empty(none.GetProperty("output").EnumerateArray());
    }
}

public sealed class BulkExportSqliteTests(SqliteApp app) : BulkExportTests(app), IClassFixture<SqliteApp>;

public sealed class BulkExportPostgreSqlTests(PostgreSqlApp app) : BulkExportTests(app), IClassFixture<PostgreSqlApp>;
