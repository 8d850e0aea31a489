using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Referrals;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>
/// PHQ-9 item 9 (clinical.md §1.2): a positive or skipped answer raises an urgent alert to the referring
/// clinician and the therapist, shows crisis resources at once, and stays open until someone records the action taken.
/// </summary>
public abstract class SafetyAlertTests(TactusApp app)
{
    private const string Item9Positive = """{"instrument":"PHQ-9","answers":{"q1":0,"q2":1,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":1}}""";

    private async Task<(HttpClient Clinician, HttpClient Therapist, Guid PatientId, Guid ClinicianId, Guid TherapistId)> PatientInCareAsync()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body("""{"confirmNotDuplicate":true,"givenName":"Mara","familyName":"Lindqvist","birthDate":"1990-06-06"}"""))).ReadAsync<PatientDto>();
        var referral = await (await clinician.PostAsync("/api/referrals", Json.Body(
            $$"""{"patientId":"{{patient!.Id}}","diagnoses":["F32.A"],"reason":"Depressive symptoms with neck pain"}"""))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);
        await manager.PostAsync($"/api/referrals/{referral!.Id}/accept", null);
        var therapistId = await app.UserIdAsync("therapist2@riverside.example");
        await manager.PostAsync($"/api/referrals/{referral.Id}/assign", Json.Body($$"""{"therapistId":"{{therapistId}}"}"""));
        var therapist = app.CreateBrowserlessClient();
        await therapist.PostLoginAsync("therapist2@riverside.example", DemoClinic.Password);
        return (clinician, therapist, patient.Id, await app.UserIdAsync(SignIn.DemoEmail(Roles.Clinician)), therapistId);
    }

    [Fact]
    public async Task Item9Positive_AlertsClinicianAndTherapist_ShowsCrisisResources_AndStaysOpenUntilActedOn()
    {
        var (clinician, therapist, patientId, clinicianId, therapistId) = await PatientInCareAsync();

        var recorded = await (await therapist.PostAsync($"/api/patients/{patientId}/measures", Json.Body(Item9Positive))).ReadAsync<MeasuresApi.RecordedDto>();
        var clinicianSees = await (await clinician.GetAsync("/api/alerts")).ReadAsync<List<MeasuresApi.AlertDto>>();
        var therapistSees = await (await therapist.GetAsync("/api/alerts")).ReadAsync<List<MeasuresApi.AlertDto>>();
        var page = await clinician.GetStringAsync($"/Patients/Details/{patientId}");

        Assert.Equal((2m, "minimal"), (recorded!.Score.Total!.Value, recorded.Score.Band));
        Assert.Contains("988", recorded.CrisisMessage, StringComparison.Ordinal);
        var alertId = Assert.Single(recorded.AlertIds);
        var alert = Assert.Single(clinicianSees!, a => a.Id == alertId);
        Assert.Equal(new[] { clinicianId, therapistId }.Order(), alert.Recipients.Order());
        Assert.Contains(therapistSees!, a => a.Id == alertId);
        Assert.Contains("data-testid=\"safety-alert\"", page, StringComparison.Ordinal);

        var withoutAction = await clinician.PostAsync($"/api/alerts/{alertId}/acknowledge", Json.Body("""{"actionTaken":" "}"""));
        var stillOpen = await (await therapist.GetAsync("/api/alerts")).ReadAsync<List<MeasuresApi.AlertDto>>();
        var acknowledged = await (await clinician.PostAsync($"/api/alerts/{alertId}/acknowledge",
            Json.Body("""{"actionTaken":"Called the patient; C-SSRS screener negative for plan; safety plan agreed"}"""))).ReadAsync<MeasuresApi.AlertDto>();
        var afterwards = await (await therapist.GetAsync("/api/alerts")).ReadAsync<List<MeasuresApi.AlertDto>>();
        var audit = await app.AuditForAsync(patientId);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutAction.StatusCode);
        Assert.Contains(stillOpen!, a => a.Id == alertId);
        Assert.False(acknowledged!.Open);
        Assert.DoesNotContain(afterwards!, a => a.Id == alertId);
        Assert.Contains(audit, e => e.EntityType == nameof(SafetyAlert) && e.Action == AuditActions.Create);
        Assert.Contains(audit, e => e.EntityType == nameof(SafetyAlert) && e.Action == AuditActions.Update && e.Detail!.Contains("ActionTaken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AdministerPage_ScoresAndShowsCrisisResourcesAtOnce()
    {
        var (_, therapist, patientId, _, _) = await PatientInCareAsync();
        var fields = Enumerable.Range(1, 9).ToDictionary(i => $"Answers[q{i}]", i => i == 9 ? "2" : "1");

        var response = await therapist.PostFormAsync($"/Measures/Administer/{patientId}/PHQ-9", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"crisis-resources\"", html, StringComparison.Ordinal);
        Assert.Contains("Score 10 (moderate)", html, StringComparison.Ordinal);
        Assert.Contains("urgent safety alert was sent", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item9Skipped_RaisesAnUnansweredSafetyAlert_AndTheFormIsNotScored()
    {
        var (_, therapist, patientId, _, _) = await PatientInCareAsync();

        var recorded = await (await therapist.PostAsync($"/api/patients/{patientId}/measures", Json.Body(
            """{"instrument":"PHQ-9","answers":{"q1":0,"q2":0,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":null}}"""))).ReadAsync<MeasuresApi.RecordedDto>();

        Assert.False(recorded!.Score.Scored);
        Assert.Equal("unanswered", Assert.Single(recorded.Score.SafetyFlags).Kind);
        Assert.Single(recorded.AlertIds);
    }

    [Fact]
    public async Task UnansweredItem9_HasItsOwnStaffWording_NoCrisisText_AndALaterCompleteAnswerClosesIt()
    {
        var (clinician, therapist, patientId, _, _) = await PatientInCareAsync();

        var skipped = await (await therapist.PostAsync($"/api/patients/{patientId}/measures", Json.Body(
            """{"instrument":"PHQ-9","answers":{"q1":1,"q2":1,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":null}}"""))).ReadAsync<MeasuresApi.RecordedDto>();
        var openBefore = await (await clinician.GetAsync("/api/alerts")).ReadAsync<List<MeasuresApi.AlertDto>>();
        var answered = await (await therapist.PostAsync($"/api/patients/{patientId}/measures", Json.Body(
            """{"instrument":"PHQ-9","answers":{"q1":1,"q2":1,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":0}}"""))).ReadAsync<MeasuresApi.RecordedDto>();
        var openAfter = await (await clinician.GetAsync("/api/alerts")).ReadAsync<List<MeasuresApi.AlertDto>>();
        var closed = await app.WithDbAsync(db => db.SafetyAlerts.FindAsync(skipped!.AlertIds[0]).AsTask());

        Assert.Null(skipped!.CrisisMessage);
        var alert = Assert.Single(openBefore!, a => a.Id == skipped.AlertIds[0]);
        Assert.Equal("unanswered", alert.Kind);
        Assert.Contains("left unanswered", alert.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("is positive", alert.Message, StringComparison.Ordinal);
        Assert.Empty(answered!.AlertIds);
        Assert.DoesNotContain(openAfter!, a => a.Id == skipped.AlertIds[0]);
        Assert.Equal(answered.ResponseId, closed!.ResolvedByResponseId);
    }

    [Fact]
    public async Task Alerts_AreInvisibleToAnotherOrganisationAndToStaffOffTheCareTeam()
    {
        var (_, therapist, patientId, _, _) = await PatientInCareAsync();
        var recorded = await (await therapist.PostAsync($"/api/patients/{patientId}/measures", Json.Body(Item9Positive))).ReadAsync<MeasuresApi.RecordedDto>();
        var foreign = await app.AsAsync(Roles.Manager, TactusApp.OtherEmailDomain);
        var otherTherapist = await app.AsAsync(Roles.Therapist);

        var foreignList = await (await foreign.GetAsync("/api/alerts")).ReadAsync<List<MeasuresApi.AlertDto>>();
        var foreignAck = await foreign.PostAsync($"/api/alerts/{recorded!.AlertIds[0]}/acknowledge", Json.Body("""{"actionTaken":"x"}"""));
        var otherList = await (await otherTherapist.GetAsync("/api/alerts")).ReadAsync<List<MeasuresApi.AlertDto>>();

        Assert.DoesNotContain(foreignList!, a => a.Id == recorded.AlertIds[0]);
        Assert.Equal(HttpStatusCode.NotFound, foreignAck.StatusCode);
        Assert.DoesNotContain(otherList!, a => a.Id == recorded.AlertIds[0]);
    }
}

public sealed class SafetyAlertSqliteTests(SqliteApp app) : SafetyAlertTests(app), IClassFixture<SqliteApp>;

public sealed class SafetyAlertPostgreSqlTests(PostgreSqlApp app) : SafetyAlertTests(app), IClassFixture<PostgreSqlApp>;
