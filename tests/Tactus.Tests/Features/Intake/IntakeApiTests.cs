using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Screening;

namespace Tactus.Tests.Features.Intake;

/// <summary>
/// Intake screening kept on the patient (issue 03 §4; clinical.md §4): findings carry their reasons,
/// a clearance finding blocks until the referring clinician clears it with a reason, re-screening
/// resolves what no longer applies.
/// </summary>
public abstract class IntakeApiTests(TactusApp app)
{
    private static string Intake(string answers = "{}", string medications = "[]") =>
        $$"""{"answers":{{answers}},"medications":{{medications}},"preferences":{"pressure":4,"pauseWord":"amber"},"consentToTreatment":true,"consentGivenBy":"patient","consentToDataUse":false}""";

    private async Task<(HttpClient Clinician, PatientDto Patient)> NewPatientAsync()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Irene","familyName":"Castellanos","birthDate":"1952-09-14","sex":"Female"}"""))).ReadAsync<PatientDto>();
        return (clinician, patient!);
    }

    [Fact]
    public async Task Intake_WithWarfarin_RecordsTheAnticoagulantPrecaution()
    {
        var (clinician, patient) = await NewPatientAsync();

        var response = await clinician.PostAsync($"/api/patients/{patient.Id}/intake", Json.Body(Intake(medications: """["Warfarin 5 mg daily"]""")));
        var result = await response.ReadAsync<IntakeApi.IntakeResult>();
        var page = await clinician.GetStringAsync($"/Patients/Details/{patient.Id}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var finding = Assert.Single(result!.Findings);
        Assert.Equal(("bleeding-risk", "modify", 2, false), (finding.RuleId, string.Join(",", finding.Does), finding.MaxPressure, finding.BlocksTreatment));
        Assert.Contains("medication 'Warfarin 5 mg daily' is an anticoagulant", finding.Reasons);
        Assert.Contains("level 2 or lighter", page, StringComparison.Ordinal);
        Assert.Contains("Deep tissue massage", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClearanceFinding_BlocksUntilTheClinicianClearsItWithAReason()
    {
        var (clinician, patient) = await NewPatientAsync();
        var surgery = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-20).ToString("yyyy-MM-dd");
        var result = await (await clinician.PostAsync($"/api/patients/{patient.Id}/intake", Json.Body(Intake(
            $$"""{"recentSurgeryDate":"{{surgery}}","surgeryRegions":["abdomen"]}""")))).ReadAsync<IntakeApi.IntakeResult>();
        var finding = Assert.Single(result!.Findings);
        var manager = await app.AsAsync(Roles.Manager);

        var byManager = await manager.PostAsync($"/api/patients/{patient.Id}/findings/{finding.Id}/clear", Json.Body("""{"reason":"ok"}"""));
        var noReason = await clinician.PostAsync($"/api/patients/{patient.Id}/findings/{finding.Id}/clear", Json.Body("""{"reason":" "}"""));
        var cleared = await (await clinician.PostAsync($"/api/patients/{patient.Id}/findings/{finding.Id}/clear",
            Json.Body("""{"reason":"Laparoscopic cholecystectomy healing well; avoid abdomen for 4 more weeks."}"""))).ReadAsync<IntakeApi.FindingDto>();
        var audit = await app.AuditForAsync(patient.Id);

        Assert.Equal(("recent-surgery", true), (finding.RuleId, finding.BlocksTreatment));
        Assert.Equal(["abdomen"], finding.AvoidRegions);
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal((FindingStatus.Cleared, false), (cleared!.Status, cleared.BlocksTreatment));
        Assert.Contains(audit, e => e.EntityType == nameof(PatientFinding) && e.Action == AuditActions.Update
            && e.Role == Roles.Clinician && e.Detail!.Contains("ClearanceReason", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeferFinding_CannotBeClearedAway()
    {
        var (clinician, patient) = await NewPatientAsync();
        var result = await (await clinician.PostAsync($"/api/patients/{patient.Id}/intake",
            Json.Body(Intake("""{"feverOrAcuteInfection":true}""")))).ReadAsync<IntakeApi.IntakeResult>();
        var fever = Assert.Single(result!.Findings);

        var response = await clinician.PostAsync($"/api/patients/{patient.Id}/findings/{fever.Id}/clear", Json.Body("""{"reason":"I insist"}"""));
        var findings = await (await clinician.GetAsync($"/api/patients/{patient.Id}/findings")).ReadAsync<List<IntakeApi.FindingDto>>();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.True(Assert.Single(findings!).BlocksTreatment);
    }

    [Fact]
    public async Task Rescreening_ResolvesWhatNoLongerAppliesAndKeepsAClearance()
    {
        var (clinician, patient) = await NewPatientAsync();
        var surgery = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-20).ToString("yyyy-MM-dd");
        var first = await (await clinician.PostAsync($"/api/patients/{patient.Id}/intake", Json.Body(Intake(
            $$"""{"recentSurgeryDate":"{{surgery}}","feverOrAcuteInfection":true}""")))).ReadAsync<IntakeApi.IntakeResult>();
        var surgeryFinding = first!.Findings.Single(f => f.RuleId == "recent-surgery");
        await clinician.PostAsync($"/api/patients/{patient.Id}/findings/{surgeryFinding.Id}/clear", Json.Body("""{"reason":"Healed"}"""));

        var second = await (await clinician.PostAsync($"/api/patients/{patient.Id}/intake", Json.Body(Intake(
            $$"""{"recentSurgeryDate":"{{surgery}}"}""")))).ReadAsync<IntakeApi.IntakeResult>();

        var remaining = Assert.Single(second!.Findings);
        Assert.Equal((surgeryFinding.Id, FindingStatus.Cleared), (remaining.Id, remaining.Status));
    }

    [Theory]
    [InlineData("""{"answers":{"fractureRegions":["wing"]},"preferences":{},"consentToTreatment":true,"consentGivenBy":"patient"}""", HttpStatusCode.UnprocessableEntity)]
    [InlineData("""{"answers":{},"preferences":{},"consentToTreatment":false}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"answers":{},"preferences":{"pressure":9},"consentToTreatment":true,"consentGivenBy":"patient"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"answers":{"recentSurgeryDate":"2999-01-01"},"preferences":{},"consentToTreatment":true,"consentGivenBy":"patient"}""", HttpStatusCode.UnprocessableEntity)]
    public async Task Intake_BadInput_IsRefusedAndNothingIsStored(string body, HttpStatusCode expected)
    {
        var (clinician, patient) = await NewPatientAsync();

        var response = await clinician.PostAsync($"/api/patients/{patient.Id}/intake", Json.Body(body));
        var findings = await (await clinician.GetAsync($"/api/patients/{patient.Id}/findings")).ReadAsync<List<IntakeApi.FindingDto>>();
        var intakes = await app.WithDbAsync(db => Task.FromResult(db.Intakes.Count(i => i.PatientId == patient.Id)));

        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(findings!);
        Assert.Equal(0, intakes);
    }

    [Fact]
    public async Task Intake_ForAPatientOffTheCareTeamOrInAnotherOrganisation_Answers404()
    {
        var notMine = await app.PatientNotOnCareTeamOfAsync(Roles.Therapist);
        var foreign = await app.OtherOrganizationPatientAsync();
        var therapist = await app.AsAsync(Roles.Therapist);
        var manager = await app.AsAsync(Roles.Manager);

        var offTeam = await therapist.PostAsync($"/api/patients/{notMine.Id}/intake", Json.Body(Intake()));
        var otherOrg = await manager.PostAsync($"/api/patients/{foreign.Id}/intake", Json.Body(Intake()));
        var otherOrgFindings = await manager.GetAsync($"/api/patients/{foreign.Id}/findings");

        Assert.Equal(HttpStatusCode.NotFound, offTeam.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherOrg.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherOrgFindings.StatusCode);
    }

    [Fact]
    public async Task ReferralDiagnoses_AreScreenedToo()
    {
        var (clinician, patient) = await NewPatientAsync();
        await clinician.PostAsync("/api/referrals", Json.Body(
            $$"""{"patientId":"{{patient.Id}}","diagnoses":["I97.2"],"reason":"Post-mastectomy lymphedema","visitsRequested":6}"""));

        var result = await (await clinician.PostAsync($"/api/patients/{patient.Id}/intake", Json.Body(Intake()))).ReadAsync<IntakeApi.IntakeResult>();

        var finding = Assert.Single(result!.Findings);
        Assert.Equal("lymphedema", finding.RuleId);
        Assert.Contains("diagnosis I97.2", finding.Reasons);
    }
}

public sealed class IntakeApiSqliteTests(SqliteApp app) : IntakeApiTests(app), IClassFixture<SqliteApp>;

public sealed class IntakeApiPostgreSqlTests(PostgreSqlApp app) : IntakeApiTests(app), IClassFixture<PostgreSqlApp>;
