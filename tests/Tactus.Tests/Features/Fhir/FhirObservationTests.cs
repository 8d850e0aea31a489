using System.Net;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Tactus.Tests.Infrastructure;
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
