using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Sessions;

namespace Tactus.Tests.Features.Sessions;

/// <summary>
/// Steps 1-4 of the loop over the API (issue 03): refer, accept and assign, screen, plan, certify, treat,
/// sign and amend, with each gate that must hold along the way. Run on both stores.
/// </summary>
public abstract class ClinicalLoopApiTests(TactusApp app)
{
    private const string Consent = TreatmentLoop.Consent;

    private Task<TreatmentLoop> ReferAndAssignAsync(string therapistEmail = "therapist2@riverside.example") => app.ReferAndAssignAsync(therapistEmail);

    private static StringContent Plan(string techniques) => Json.Body($$"""
        {"goals":[{"description":"Pain at rest","instrument":"NPRS","target":"≤ 3"},{"description":"Garden for 30 minutes","targetDate":"2027-02-01"}],
         "sessionsPerWeek":1,"weeks":8,"techniques":[{{techniques}}]}
        """);

    private static StringContent Note(string technique, int pressure, string region = "lower-back-left") => Json.Body($$"""
        {"subjective":"Back stiff in the mornings","objective":"Tender L4-L5 paraspinals","assessment":"Myofascial low back pain","plan":"Continue weekly",
         "bodyChart":[{"region":"{{region}}","mark":"Treated"},{"region":"lower-back-right","mark":"Tenderness"}],
         "techniques":[{"technique":"{{technique}}","region":"{{region}}","minutes":30,"pressure":{{pressure}}}],
         "patientResponse":"Relaxed, no discomfort","painAfter":3,"stressAfter":2,"adverseEvents":[{"kind":"soreness","severity":"Mild","note":null}]}
        """);

    [Fact]
    public async Task WholeLoop_WithEveryGate()
    {
        var loop = await ReferAndAssignAsync();

        // Screening: warfarin is a relative finding; fever defers.
        await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/intake", Json.Body(
            $$"""{"answers":{"feverOrAcuteInfection":true},"medications":["Warfarin 5 mg"],{{Consent}}}"""));

        // Plan: deep tissue is excluded by the anticoagulant finding; MLD needs a certification Jonas lacks.
        var excluded = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Plan("\"deep-tissue\""));
        var uncertified = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Plan("\"lymphatic-drainage\""));
        var plan = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Plan("\"swedish\",\"myofascial-release\""))).ReadAsync<PlansApi.PlanDto>();
        var certifyUnsigned = await loop.Clinician.PostAsync($"/api/plans/{plan!.Id}/certify", null);
        var signed = await (await loop.Therapist.PostAsync($"/api/plans/{plan.Id}/sign", null)).ReadAsync<PlansApi.PlanDto>();
        var certifiedByManager = await loop.Manager.PostAsync($"/api/plans/{plan.Id}/certify", null);
        var certified = await (await loop.Clinician.PostAsync($"/api/plans/{plan.Id}/certify", null)).ReadAsync<PlansApi.PlanDto>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, excluded.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, uncertified.StatusCode);
        Assert.Contains("Takes warfarin", plan.Precautions, StringComparison.Ordinal);
        Assert.Contains("Anticoagulant", plan.Precautions, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, certifyUnsigned.StatusCode);
        Assert.Equal(PlanStatus.Signed, signed!.Status);
        Assert.Equal(HttpStatusCode.Forbidden, certifiedByManager.StatusCode);
        Assert.Equal(PlanStatus.Certified, certified!.Status);

        // Check-in re-screens: the fever blocks the visit until a new intake no longer reports it.
        var blocked = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":6,"stressBefore":5}"""));
        var blockedProblem = await blocked.ReadJsonAsync();
        await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/intake", Json.Body(
            $$"""{"answers":{"skinLesionRegions":["calf-left"]},"medications":["Warfarin 5 mg"],{{Consent}}}"""));
        var checkedIn = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":6,"stressBefore":5,"note":"Fever gone"}"""));
        var session = await checkedIn.ReadAsync<SessionsApi.SessionDto>();
        var referral = await (await loop.Manager.GetAsync($"/api/referrals/{loop.ReferralId}")).ReadAsync<ReferralDto>();

        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Contains("no massage today", blockedProblem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, checkedIn.StatusCode);
        Assert.Equal(plan.Id, session!.PlanId);
        Assert.Equal(ReferralStatus.InProgress, referral!.Status);

        // Documentation respects the limits: pressure 2 at most, avoid the left calf.
        var tooFirm = await loop.Therapist.PutAsync($"/api/sessions/{session.Id}/note", Note("swedish", 4));
        var avoided = await loop.Therapist.PutAsync($"/api/sessions/{session.Id}/note", Note("swedish", 2, "calf-left"));
        var documented = await loop.Therapist.PutAsync($"/api/sessions/{session.Id}/note", Note("swedish", 2));
        var signedNote = await (await loop.Therapist.PostAsync($"/api/sessions/{session.Id}/sign", null)).ReadAsync<SessionsApi.SessionDto>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooFirm.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, avoided.StatusCode);
        Assert.Equal(HttpStatusCode.OK, documented.StatusCode);
        Assert.Equal(SessionStatus.Signed, signedNote!.Status);
        Assert.Equal(30, signedNote.Note.TotalMinutes);

        // Signed means locked: edits are refused; an amendment needs a reason and keeps the original.
        var edit = await loop.Therapist.PutAsync($"/api/sessions/{session.Id}/note", Note("swedish", 1));
        var noReason = await loop.Therapist.PostAsync($"/api/sessions/{session.Id}/amend", Json.Body(
            """{"reason":"","note":{"assessment":"changed","techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],"painAfter":3}}"""));
        var amended = await (await loop.Therapist.PostAsync($"/api/sessions/{session.Id}/amend", Json.Body(
            """{"reason":"Assessment was incomplete","note":{"assessment":"Myofascial low back pain, improving","techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],"painAfter":3}}"""))).ReadAsync<SessionsApi.SessionDto>();

        Assert.Equal(HttpStatusCode.Conflict, edit.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal("Myofascial low back pain, improving", amended!.Note.Assessment);
        var amendment = Assert.Single(amended.Amendments);
        Assert.Equal(("Assessment was incomplete", "Myofascial low back pain"), (amendment.Reason, amendment.Original.Assessment));
    }

    [Fact]
    public async Task ClearanceFinding_BlocksCheckInUntilTheClinicianClears()
    {
        var loop = await ReferAndAssignAsync();
        var surgery = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-14).ToString("yyyy-MM-dd");
        var screening = await (await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/intake", Json.Body(
            $$"""{"answers":{"recentSurgeryDate":"{{surgery}}","surgeryRegions":["abdomen"]},"medications":[],{{Consent}}}"""))).ReadAsync<IntakeApi.IntakeResult>();

        var blocked = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":4,"stressBefore":3}"""));
        await loop.Clinician.PostAsync($"/api/patients/{loop.PatientId}/findings/{screening!.Findings[0].Id}/clear", Json.Body("""{"reason":"Cleared for massage away from the abdomen"}"""));
        var allowed = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":4,"stressBefore":3}"""));

        Assert.Equal(HttpStatusCode.Conflict, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.Created, allowed.StatusCode);
    }

    [Fact]
    public async Task WorkList_ShowsTheClinicianPlansToCertify_AndTheManagerAdverseEventsToReview()
    {
        var loop = await ReferAndAssignAsync();
        await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/intake", Json.Body($$"""{"answers":{},"medications":[],{{Consent}}}"""));
        var plan = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Plan("\"swedish\""))).ReadAsync<PlansApi.PlanDto>();
        await loop.Therapist.PostAsync($"/api/plans/{plan!.Id}/sign", null);

        var toCertify = await loop.Clinician.GetStringAsync("/Plans");
        await loop.Clinician.PostAsync($"/api/plans/{plan.Id}/certify", null);
        var afterCertifying = await loop.Clinician.GetStringAsync("/Plans");
        var session = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":5,"stressBefore":4}"""))).ReadAsync<SessionsApi.SessionDto>();
        await loop.Therapist.PutAsync($"/api/sessions/{session!.Id}/note", Note("swedish", 3));
        await loop.Therapist.PostAsync($"/api/sessions/{session.Id}/sign", null);
        var review = await loop.Manager.GetStringAsync("/Plans");

        Assert.Contains($"/Plans/Details/{plan.Id}", toCertify, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Plans/Details/{plan.Id}", afterCertifying, StringComparison.Ordinal);
        Assert.Contains($"/Sessions/Edit/{session.Id}", review, StringComparison.Ordinal);
        Assert.Contains("soreness (mild)", review, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_WithoutAnIntake_IsRefused()
    {
        var loop = await ReferAndAssignAsync();

        var response = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":4,"stressBefore":3}"""));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Record the patient's intake", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherTherapistsSessionAndAnotherOrganisationsSession_AreOutOfReach()
    {
        var loop = await ReferAndAssignAsync();
        await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/intake", Json.Body($$"""{"answers":{},"medications":[],{{Consent}}}"""));
        var session = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":4,"stressBefore":3}"""))).ReadAsync<SessionsApi.SessionDto>();
        var otherTherapist = await app.AsAsync(Roles.Therapist);
        var foreign = await app.AsAsync(Roles.Manager, TactusApp.OtherEmailDomain);

        var byOther = await otherTherapist.PutAsync($"/api/sessions/{session!.Id}/note", Note("swedish", 2));
        var byForeign = await foreign.GetAsync($"/api/sessions/{session.Id}");
        var checkInByOther = await otherTherapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":4,"stressBefore":3}"""));

        Assert.Equal(HttpStatusCode.NotFound, byOther.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byForeign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, checkInByOther.StatusCode);
    }
}

public sealed class ClinicalLoopApiSqliteTests(SqliteApp app) : ClinicalLoopApiTests(app), IClassFixture<SqliteApp>;

public sealed class ClinicalLoopApiPostgreSqlTests(PostgreSqlApp app) : ClinicalLoopApiTests(app), IClassFixture<PostgreSqlApp>;
