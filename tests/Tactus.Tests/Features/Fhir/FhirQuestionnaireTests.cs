using System.Net;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Serialization;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using ModelInfo = Hl7.Fhir.Model.ModelInfo;
using Questionnaire = Hl7.Fhir.Model.Questionnaire;
using QuestionnaireResponse = Hl7.Fhir.Model.QuestionnaireResponse;

namespace Tactus.Tests.Features.Fhir;

/// <summary>
/// Questionnaires through FHIR: the free instruments as Questionnaires (licensed ones only with the organisation's
/// wording), and a QuestionnaireResponse an app sends scored and alerting exactly as one entered in Tactus: a PHQ-9 with
/// item 9 answered above 0 raises the safety alert (clinical.md §2, PHQ-9 item 9).
/// </summary>
public abstract class FhirQuestionnaireTests(TactusApp app)
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private static string Phq9Response(Guid patientId, string questionnaire, string extraItem = "") => $$$"""
        {"resourceType":"QuestionnaireResponse","status":"completed","questionnaire":"{{{questionnaire}}}",
         "subject":{"reference":"Patient/{{{patientId}}}"},
         "item":[{"linkId":"q1","answer":[{"valueInteger":0}]},{"linkId":"q2","answer":[{"valueCoding":{"code":"1"}}]},
                 {"linkId":"q3","answer":[{"valueInteger":0}]},{"linkId":"q4","answer":[{"valueInteger":0}]},
                 {"linkId":"q5","answer":[{"valueInteger":0}]},{"linkId":"q6","answer":[{"valueInteger":0}]},
                 {"linkId":"q7","answer":[{"valueInteger":0}]},{"linkId":"q8","answer":[{"valueInteger":0}]},
                 {"linkId":"q9","answer":[{"valueInteger":1}]}{{{extraItem}}}]}
        """;

    [Fact]
    public async Task ResponseThroughFhir_IsScoredAndRaisesTheSafetyAlert_LikeOneEnteredInTactus()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapist = await app.AsAsync(Roles.Therapist);
        var questionnaire = JsonSerializer.Deserialize<Questionnaire>(await (await therapist.GetAsync("/fhir/Questionnaire/PHQ-9")).Content.ReadAsStringAsync(), Fhir)!;

        var created = await therapist.PostAsync("/fhir/QuestionnaireResponse",
            new StringContent(Phq9Response(patient.Id, questionnaire.Url!), Encoding.UTF8, "application/fhir+json"));
        var body = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, body);
        var stored = JsonSerializer.Deserialize<QuestionnaireResponse>(body, Fhir)!;
        var responseId = Guid.Parse(stored.Id!);
        var response = await app.WithDbAsync(db => db.MeasureResponses.SingleAsync(r => r.Id == responseId));
        var alerts = await app.WithDbAsync(db => db.SafetyAlerts.CountAsync(a => a.ResponseId == responseId));
        var read = await therapist.GetAsync($"/fhir/QuestionnaireResponse/{responseId}");
        var observation = await therapist.GetAsync($"/fhir/Observation/{responseId}");

        Assert.Equal(("PHQ-9", 2m), (response.Instrument, response.Total));
        Assert.Equal(1, alerts);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.OK, observation.StatusCode);
        Assert.Equal(9, questionnaire.Item.Count);
        Assert.Empty(FhirValidation.Errors(questionnaire));
        Assert.Empty(FhirValidation.Errors(stored));
    }

    [Fact]
    public async Task UnknownItems_UnknownQuestionnaires_AndLicensedWithoutWording_AreRefused()
    {
        var patient = await app.PatientOnCareTeamOfAsync(Roles.Therapist);
        var therapist = await app.AsAsync(Roles.Therapist);
        var before = await app.WithDbAsync(db => db.MeasureResponses.CountAsync(r => r.PatientId == patient.Id));

        var extraItem = await therapist.PostAsync("/fhir/QuestionnaireResponse", new StringContent(
            Phq9Response(patient.Id, "Questionnaire/PHQ-9", """,{"linkId":"q10","answer":[{"valueInteger":3}]}"""), Encoding.UTF8, "application/fhir+json"));
        var unknown = await therapist.PostAsync("/fhir/QuestionnaireResponse", new StringContent(
            Phq9Response(patient.Id, "http://example.org/Questionnaire/made-up"), Encoding.UTF8, "application/fhir+json"));
        var licensed = await therapist.GetAsync("/fhir/Questionnaire/ODI");
        var list = await (await therapist.GetAsync("/fhir/Questionnaire")).Content.ReadAsStringAsync();
        var after = await app.WithDbAsync(db => db.MeasureResponses.CountAsync(r => r.PatientId == patient.Id));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, extraItem.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, licensed.StatusCode);
        Assert.Contains("PHQ-9", list, StringComparison.Ordinal);
        Assert.DoesNotContain("\"id\":\"ODI\"", list, StringComparison.Ordinal);
        Assert.Equal(before, after);
    }
}

public sealed class FhirQuestionnaireSqliteTests(SqliteApp app) : FhirQuestionnaireTests(app), IClassFixture<SqliteApp>;

public sealed class FhirQuestionnairePostgreSqlTests(PostgreSqlApp app) : FhirQuestionnaireTests(app), IClassFixture<PostgreSqlApp>;
