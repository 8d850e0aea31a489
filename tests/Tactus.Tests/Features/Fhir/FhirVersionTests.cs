using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Bundle = Hl7.Fhir.Model.Bundle;
using ModelInfo = Hl7.Fhir.Model.ModelInfo;
using Resource = Hl7.Fhir.Model.Resource;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// Every resource read carries its version (FHIR R4 §3.1.0.2: <c>ETag</c>, <c>Last-Modified</c>, <c>meta.versionId</c>),
/// answers vread and an instance history, and a conditional read (<c>If-None-Match</c>) answers 304 while nothing changed.
/// Tactus keeps only the current state of most records, so an earlier version is 404, said plainly.
/// </summary>
public abstract class FhirVersionTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static StringContent FhirJson(string json) => new(json, Encoding.UTF8, "application/fhir+json");

    [Fact]
    public async Task AReferral_HasAVersionThatChangesWithIt_AndAnswersVreadHistoryAndConditionalRead()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var clinician = await app.AsAsync(Roles.Clinician);
        var created = await clinician.PostAsync("/fhir/ServiceRequest", FhirJson($$"""
            {"resourceType":"ServiceRequest","status":"active","intent":"order","subject":{"reference":"Patient/{{patient.Id}}"},
             "reasonCode":[{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10-cm","code":"M54.50"}]}],
             "note":[{"text":"Low back pain for a year."}]}
            """));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = JsonSerializer.Deserialize<Resource>(await created.Content.ReadAsStringAsync(), Fhir)!.Id;

        var first = await clinician.GetAsync($"/fhir/ServiceRequest/{id}");
        var firstBody = JsonSerializer.Deserialize<Resource>(await first.Content.ReadAsStringAsync(), Fhir)!;
        var again = await clinician.GetAsync($"/fhir/ServiceRequest/{id}");
        var version = firstBody.Meta?.VersionId;
        var vread = await clinician.GetAsync($"/fhir/ServiceRequest/{id}/_history/{version}");
        var history = JsonSerializer.Deserialize<Bundle>(await (await clinician.GetAsync($"/fhir/ServiceRequest/{id}/_history")).Content.ReadAsStringAsync(), Fhir)!;
        using var conditional = new HttpRequestMessage(HttpMethod.Get, $"/fhir/ServiceRequest/{id}");
        conditional.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{version}\"", isWeak: true));
        var notModified = await clinician.SendAsync(conditional);

        var manager = await app.AsAsync(Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/referrals/{id}/accept", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.PostAsync($"/api/referrals/{id}/hold", Json.Body("""{"reason":"Patient travelling for a month"}"""))).StatusCode);
        var changed = await clinician.GetAsync($"/fhir/ServiceRequest/{id}");
        var changedVersion = JsonSerializer.Deserialize<Resource>(await changed.Content.ReadAsStringAsync(), Fhir)!.Meta?.VersionId;
        var earlier = await clinician.GetAsync($"/fhir/ServiceRequest/{id}/_history/{version}");
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/fhir/ServiceRequest/{id}");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue($"\"{version}\"", isWeak: true));
        var staleAnswer = await clinician.SendAsync(stale);

        Assert.False(string.IsNullOrEmpty(version));
        Assert.Equal($"W/\"{version}\"", first.Headers.ETag?.ToString());
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.NotNull(first.Content.Headers.LastModified);
        Assert.Equal(HttpStatusCode.OK, vread.StatusCode);
        Assert.Equal(first.Headers.ETag, vread.Headers.ETag);
        Assert.Equal(Bundle.BundleType.History, history.Type);
        Assert.Equal(version, Assert.Single(history.Entry).Resource!.Meta?.VersionId);
        Assert.Empty(FhirValidation.Errors(history));
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.NotEqual(version, changedVersion);
        Assert.Equal(HttpStatusCode.NotFound, earlier.StatusCode);
        Assert.Contains("fhir+json", earlier.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, staleAnswer.StatusCode);
    }

    /// <summary>Each type read by id answers vread of the version it gave, with the same body; another organisation's is 404.</summary>
    [Fact]
    public async Task EveryTypeReadById_AnswersVreadOfItsOwnVersion_AndAnotherOrganisationsIs404()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapist = await app.AsAsync(Roles.Therapist);
        var practitioners = JsonSerializer.Deserialize<Bundle>(await (await therapist.GetAsync("/fhir/Practitioner?name=a")).Content.ReadAsStringAsync(), Fhir)!;
        var practitioner = practitioners.Entry[0].Resource!.Id;
        var reads = new[]
        {
            $"Patient/{patient.Id}", $"Practitioner/{practitioner}", $"PractitionerRole/{practitioner}",
            $"Organization/{patient.OrganizationId}", "Questionnaire/PHQ-9", "Group/chronic-low-back-pain",
        };

        foreach (var read in reads)
        {
            var current = await therapist.GetAsync($"/fhir/{read}");
            Assert.True(current.StatusCode == HttpStatusCode.OK, $"{read}: {current.StatusCode}");
            var body = await current.Content.ReadAsStringAsync();
            var version = JsonSerializer.Deserialize<Resource>(body, Fhir)!.Meta?.VersionId;
            var vread = await therapist.GetAsync($"/fhir/{read}/_history/{version}");
            var other = await therapist.GetAsync($"/fhir/{read}/_history/not-{version}");

            Assert.False(string.IsNullOrEmpty(version), read);
            Assert.Equal($"W/\"{version}\"", current.Headers.ETag?.ToString());
            Assert.True(vread.StatusCode == HttpStatusCode.OK, $"{read} vread: {vread.StatusCode}");
            Assert.Equal(body, await vread.Content.ReadAsStringAsync());
            Assert.True(other.StatusCode == HttpStatusCode.NotFound, $"{read} other version: {other.StatusCode}");
        }

        var elsewhere = await app.OtherOrganizationPatientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.GetAsync($"/fhir/Patient/{elsewhere.Id}/_history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await therapist.GetAsync($"/fhir/Patient/{elsewhere.Id}/_history/1")).StatusCode);
    }
}

public sealed class FhirVersionSqliteTests(SqliteApp app) : FhirVersionTests(app), IClassFixture<SqliteApp>;

public sealed class FhirVersionPostgreSqlTests(PostgreSqlApp app) : FhirVersionTests(app), IClassFixture<PostgreSqlApp>;
