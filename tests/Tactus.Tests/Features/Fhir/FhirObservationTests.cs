using System.Net;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Tactus.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;
using Tactus.Web.Features.Access;
using Bundle = Hl7.Fhir.Model.Bundle;
using ModelInfo = Hl7.Fhir.Model.ModelInfo;
using Observation = Hl7.Fhir.Model.Observation;
using Quantity = Hl7.Fhir.Model.Quantity;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// Questionnaire scores as Observations (category survey): a PEG recorded in Tactus is served with its verified LOINC
/// total code 91147-9 (Reference/Instruments/peg.json; clinical.md §1.2) and its score, found by patient, code and date.
/// </summary>
public abstract class FhirObservationTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    [Fact]
    public async Task RecordedScore_IsAnObservation_FoundByPatientCodeAndDate_AndValidates()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapist = await app.AsAsync(Roles.Therapist);
        var recorded = await therapist.PostAsync($"/api/patients/{patient.Id}/measures", Json.Body("""{"instrument":"PEG","answers":{"pain":6,"enjoyment":5,"activity":4}}"""));
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var responseId = (await recorded.ReadJsonAsync()).GetProperty("responseId").GetString();

        var byLoinc = await SearchAsync(therapist, $"/fhir/Observation?patient=Patient/{patient.Id}&code=http://loinc.org|91147-9&date=ge2020-01-01");
        var byInstrument = await SearchAsync(therapist, $"/fhir/Observation?patient={patient.Id}&code=PEG&category=survey");
        var future = await SearchAsync(therapist, $"/fhir/Observation?patient={patient.Id}&code=PEG&date=gt2999-01-01");
        var read = JsonSerializer.Deserialize<Observation>(await (await therapist.GetAsync($"/fhir/Observation/{responseId}")).Content.ReadAsStringAsync(), Fhir)!;
        var withoutPatient = await therapist.GetAsync("/fhir/Observation?code=PEG");
        var badDate = await therapist.GetAsync($"/fhir/Observation?patient={patient.Id}&date=yesterday");
        var biller = await (await app.AsAsync(Roles.Biller)).GetAsync($"/fhir/Observation/{responseId}");

        Assert.Contains(byLoinc.Entry, e => e.Resource!.Id == responseId);
        Assert.Contains(byInstrument.Entry, e => e.Resource!.Id == responseId);
        Assert.DoesNotContain(future.Entry, e => e.Resource!.Id == responseId);
        Assert.Equal(5m, Assert.IsType<Quantity>(read.Value).Value); // PEG: the mean of its three items, (6+5+4)/3
        Assert.Contains(read.Code.Coding, c => c.System == "http://loinc.org" && c.Code == "91147-9");
        Assert.Equal($"Patient/{patient.Id}", read.Subject!.Reference);
        Assert.Empty(FhirValidation.Errors(read));
        Assert.Empty(FhirValidation.Errors(byLoinc));
        Assert.Equal(HttpStatusCode.BadRequest, withoutPatient.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, biller.StatusCode);
    }

    /// <summary>
    /// The pain and stress a patient rated before and after a visit are Observations of that visit's Encounter; pain carries
    /// LOINC 72514-3 (pain severity 0-10, Reference/Instruments/nprs.json). They share the score's newest-first pages, and a
    /// visit's ratings are never split across two pages.
    /// </summary>
    [Fact]
    public async Task PainAndStressBeforeAndAfterAVisit_AreObservations_MergedWithTheScores()
    {
        var loop = await app.ReferAndAssignAsync(familyName: "Penhallow");
        Assert.True((await loop.RecordIntakeAsync("{}")).IsSuccessStatusCode);
        var visits = new List<Guid>();
        for (var visit = 0; visit < 2; visit++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(10));
            var checkedIn = await loop.CheckInAsync("""{"painBefore":7,"stressBefore":5,"anotherVisit":true}""");
            Assert.True(checkedIn.StatusCode == HttpStatusCode.Created, await checkedIn.Content.ReadAsStringAsync());
            var sessionId = (await checkedIn.ReadJsonAsync()).GetProperty("id").GetGuid();
            visits.Add(sessionId);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            Assert.Equal(HttpStatusCode.Created, (await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/measures", Json.Body("""{"instrument":"NPRS","answers":{"pain":6}}"""))).StatusCode);
            var noted = await loop.Therapist.PutAsync($"/api/sessions/{sessionId}/note", Json.Body("""
                {"techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],"painAfter":3,"stressAfter":2}
                """));
            Assert.True(noted.IsSuccessStatusCode, await noted.Content.ReadAsStringAsync());
        }

        Assert.Equal(HttpStatusCode.OK, (await loop.Therapist.PostAsync($"/api/sessions/{visits[0]}/sign", null)).StatusCode);
        var all = await SearchAsync(loop.Therapist, $"/fhir/Observation?patient={loop.PatientId}");
        var pain = await SearchAsync(loop.Therapist, $"/fhir/Observation?patient={loop.PatientId}&code=http://loinc.org|72514-3");
        var stressAfter = await SearchAsync(loop.Therapist, $"/fhir/Observation?patient={loop.PatientId}&code=stress-after");
        var firstPage = await SearchAsync(loop.Therapist, $"/fhir/Observation?patient={loop.PatientId}&_count=3");
        var next = firstPage.Link.Single(l => l.Relation == "next").Url!;
        var secondPage = await SearchAsync(loop.Therapist, next[next.IndexOf("/fhir", StringComparison.Ordinal)..]);
        var read = JsonSerializer.Deserialize<Observation>(await loop.Therapist.GetStringAsync($"/fhir/Observation/{visits[0]:N}-pain-after"), Fhir)!;
        var unsigned = JsonSerializer.Deserialize<Observation>(await loop.Therapist.GetStringAsync($"/fhir/Observation/{visits[1]:N}-pain-after"), Fhir)!;

        Assert.Equal(10, all.Entry.Count); // two visits of four ratings, two NPRS scores
        // Newest first by when each was taken (a visit by its check-in): the second NPRS, the second visit, the first NPRS, the first visit.
        string Source(Hl7.Fhir.Model.Bundle.EntryComponent e) => e.Resource!.Id!.StartsWith($"{visits[0]:N}", StringComparison.Ordinal) ? "visit 1"
            : e.Resource.Id.StartsWith($"{visits[1]:N}", StringComparison.Ordinal) ? "visit 2" : "NPRS";
        Assert.Equal(["NPRS", "visit 2", "visit 2", "visit 2", "visit 2", "NPRS", "visit 1", "visit 1", "visit 1", "visit 1"], all.Entry.Select(Source));
        Assert.Equal(6, pain.Entry.Count); // both visits' pain before and after, and the two NPRS totals (the same LOINC)
        Assert.Equal(2, stressAfter.Entry.Count);
        Assert.Equal(3m, Assert.IsType<Quantity>(read.Value).Value);
        Assert.Equal($"Encounter/{visits[0]}", read.Encounter!.Reference);
        Assert.Equal(Hl7.Fhir.Model.ObservationStatus.Final, read.Status);
        Assert.Equal(Hl7.Fhir.Model.ObservationStatus.Preliminary, unsigned.Status); // the note is not signed yet
        Assert.Single(firstPage.Entry); // the newest visit's four ratings do not fit in three: the NPRS score first, then they wait
        Assert.Equal(4, secondPage.Entry.Count(e => e.Resource!.Id!.StartsWith($"{visits[1]:N}", StringComparison.Ordinal)));
        Assert.Empty(FhirValidation.Errors(all));
    }

    private static async Task<Bundle> SearchAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return JsonSerializer.Deserialize<Bundle>(body, Fhir)!;
    }
}

public sealed class FhirObservationSqliteTests(SqliteApp app) : FhirObservationTests(app), IClassFixture<SqliteApp>;

public sealed class FhirObservationPostgreSqlTests(PostgreSqlApp app) : FhirObservationTests(app), IClassFixture<PostgreSqlApp>;
