using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;

namespace Tactus.Tests.Features.Referrals;

/// <summary>Referrals over /api/referrals on both stores: the loop's first step, its gates and its scoping.</summary>
public abstract class ReferralsApiTests(TactusApp app)
{
    private async Task<(HttpClient Clinician, PatientDto Patient)> ClinicianWithNewPatientAsync()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Walter","familyName":"Brennan","birthDate":"1958-02-11","sex":"Male"}"""))).ReadAsync<PatientDto>();
        return (clinician, patient!);
    }

    private static StringContent ReferralBody(Guid patientId, string codes = "\"M54.50\"", string urgency = "Routine") => Json.Body(
        $$"""{"patientId":"{{patientId}}","diagnoses":[{{codes}}],"reason":"Chronic low back pain, 6 months","goals":"NPRS 3 or less","precautions":"Takes warfarin","visitsRequested":8,"urgency":"{{urgency}}"}""");

    [Fact]
    public async Task Clinician_RefersAPatient_TheReferralIsSentWithNormalisedCodesAndItsHistory()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var clinicianId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Clinician));

        var response = await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id, "\"m5450\", \"Z79.01\""));
        var referral = await response.ReadAsync<ReferralDto>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal((ReferralStatus.Sent, clinicianId, clinicianId), (referral!.Status, referral.ReferringClinicianId, referral.EnteredById));
        Assert.Equal(["M54.50", "Z79.01"], referral.Diagnoses.Select(d => d.Code));
        Assert.Equal("Low back pain, unspecified", referral.Diagnoses[0].Display);
        Assert.Single(referral.History);
    }

    [Fact]
    public async Task Manager_EntersAReferralForAClinician_ThatClinicianJoinsTheCareTeamAndSeesThePatient()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var clinician = await app.AsAsync(Roles.Clinician);
        var clinicianId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Clinician));
        var patient = await (await manager.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Opal","familyName":"Fenwick","birthDate":"1949-09-30","sex":"Female"}"""))).ReadAsync<PatientDto>();
        var unseen = await clinician.GetAsync($"/api/patients/{patient!.Id}");

        var response = await manager.PostAsync("/api/referrals", Json.Body(
            $$"""{"patientId":"{{patient.Id}}","referringClinicianId":"{{clinicianId}}","diagnoses":["M54.50"],"reason":"Low back pain","visitsRequested":6}"""));
        var seen = await clinician.GetAsync($"/api/patients/{patient.Id}");
        var careTeam = await app.WithDbAsync(db => db.CareTeamMembers.AsNoTracking().Where(m => m.PatientId == patient.Id).ToListAsync());

        Assert.Equal(HttpStatusCode.NotFound, unseen.StatusCode);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(careTeam, m => m.UserId == clinicianId && m.Role == Roles.Clinician);
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
    }

    [Theory]
    [InlineData("\"M54.5\"", "M54.50")]
    [InlineData("\"X99.9\"", "X99.9")]
    public async Task Create_WithACodeOffTheList_Answers422AndStoresNothing(string codes, string mentioned)
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var before = await app.WithDbAsync(db => db.Referrals.CountAsync());

        var response = await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id, codes));
        var problem = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(mentioned, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Referrals.CountAsync()));
    }

    [Theory]
    [InlineData("""{"diagnoses":["M54.50"],"reason":"x"}""")]
    [InlineData("""{"patientId":"00000000-0000-0000-0000-000000000001","diagnoses":[],"reason":"x"}""")]
    [InlineData("""{"patientId":"00000000-0000-0000-0000-000000000001","diagnoses":["M54.50"],"reason":""}""")]
    [InlineData("""{"patientId":"00000000-0000-0000-0000-000000000001","diagnoses":["M54.50"],"reason":"x","visitsRequested":0}""")]
    [InlineData("""{"patientId":"00000000-0000-0000-0000-000000000001","diagnoses":["M54.50"],"reason":"x","status":"Accepted"}""")]
    public async Task Create_InvalidInput_Answers400(string body)
    {
        var clinician = await app.AsAsync(Roles.Clinician);

        var response = await clinician.PostAsync("/api/referrals", Json.Body(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Manager_AcceptsAndAssignsALicensedTherapist_WhoThenSeesThePatient()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var referral = await (await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);
        var jonas = await app.UserIdAsync("therapist2@riverside.example");
        var therapist = app.CreateBrowserlessClient();
        await therapist.PostLoginAsync("therapist2@riverside.example", Tactus.Web.Data.Seed.DemoClinic.Password);
        var beforeAssignment = await therapist.GetAsync($"/api/patients/{patient.Id}");

        var accepted = await manager.PostAsync($"/api/referrals/{referral!.Id}/accept", null);
        var assigned = await (await manager.PostAsync($"/api/referrals/{referral.Id}/assign", Json.Body($$"""{"therapistId":"{{jonas}}"}"""))).ReadAsync<ReferralDto>();
        var afterAssignment = await therapist.GetAsync($"/api/patients/{patient.Id}");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(jonas, assigned!.AssignedTherapistId);
        Assert.Equal(HttpStatusCode.NotFound, beforeAssignment.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterAssignment.StatusCode);
    }

    [Fact]
    public async Task Assign_TherapistWithAnExpiredLicence_IsRefusedWithTheReason()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var referral = await (await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);
        await manager.PostAsync($"/api/referrals/{referral!.Id}/accept", null);
        var lapsed = await CreateTherapistAsync(LicenceStatus.Active, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3));

        var response = await manager.PostAsync($"/api/referrals/{referral.Id}/assign", Json.Body($$"""{"therapistId":"{{lapsed}}"}"""));
        var problem = await response.ReadJsonAsync();
        var after = await (await manager.GetAsync($"/api/referrals/{referral.Id}")).ReadAsync<ReferralDto>();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("cannot be assigned: holds a licence that expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(after!.AssignedTherapistId);
    }

    [Fact]
    public async Task InvalidTransition_Answers409AndChangesNothing()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var referral = await (await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);

        var discharge = await manager.PostAsync($"/api/referrals/{referral!.Id}/discharge", null);
        var problem = await discharge.ReadJsonAsync();
        var after = await (await manager.GetAsync($"/api/referrals/{referral.Id}")).ReadAsync<ReferralDto>();

        Assert.Equal(HttpStatusCode.Conflict, discharge.StatusCode);
        Assert.Equal("A referral that is sent cannot be discharged.", problem.GetProperty("detail").GetString());
        Assert.Equal(ReferralStatus.Sent, after!.Status);
    }

    /// <summary>
    /// One rule decides who may move a referral which way (issue 10 §4): every step the page does not offer, the API
    /// refuses and nothing changes. An on-hold referral is resumed, not accepted again.
    /// </summary>
    [Fact]
    public async Task StepsThePageDoesNotOffer_TheApiRefuses()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var referral = await (await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);
        await manager.PostAsync($"/api/referrals/{referral!.Id}/accept", null);
        await manager.PostAsync($"/api/referrals/{referral.Id}/hold", Json.Body("""{"reason":"Patient travelling for a month"}"""));

        foreach (var (client, who) in new[] { (manager, "manager"), (clinician, "clinician") })
        {
            var page = await client.GetStringAsync($"/Referrals/Details/{referral.Id}");
            var offered = System.Text.RegularExpressions.Regex.Matches(page, @"[?;]step=(\w+)").Select(m => m.Groups[1].Value.ToLowerInvariant()).ToHashSet();
            foreach (var step in new[] { "send", "accept", "schedule", "start", "discharge" }.Where(s => !offered.Contains(s)))
            {
                var response = await client.PostAsync($"/api/referrals/{referral.Id}/{step}", null);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Conflict, $"{who} was not offered '{step}' but the API answered {(int)response.StatusCode}");
            }

            Assert.Equal(ReferralStatus.OnHold, (await (await manager.GetAsync($"/api/referrals/{referral.Id}")).ReadAsync<ReferralDto>())!.Status);
            if (who == "manager")
            {
                Assert.Contains("resume", offered);
                Assert.DoesNotContain("accept", offered);
            }
        }
    }

    [Fact]
    public async Task Decline_NeedsAReason_AndRecordsIt()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var referral = await (await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);

        var withoutReason = await manager.PostAsync($"/api/referrals/{referral!.Id}/decline", Json.Body("""{"reason":""}"""));
        var declined = await (await manager.PostAsync($"/api/referrals/{referral.Id}/decline",
            Json.Body("""{"reason":"Lives outside our service area"}"""))).ReadAsync<ReferralDto>();

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal((ReferralStatus.Declined, "Lives outside our service area"), (declined!.Status, declined.StatusReason));
    }

    [Fact]
    public async Task Clinician_CannotAcceptTheirOwnReferral()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var referral = await (await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id))).ReadAsync<ReferralDto>();

        var response = await clinician.PostAsync($"/api/referrals/{referral!.Id}/accept", null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Referral_IsInvisibleToATherapistOffTheCareTeamAndToAnotherOrganisation()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var referral = await (await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id))).ReadAsync<ReferralDto>();
        var therapist = await app.AsAsync(Roles.Therapist);
        var foreignManager = await app.AsAsync(Roles.Manager, TactusApp.OtherEmailDomain);

        var byTherapist = await therapist.GetAsync($"/api/referrals/{referral!.Id}");
        var byForeign = await foreignManager.GetAsync($"/api/referrals/{referral.Id}");
        var foreignAccept = await foreignManager.PostAsync($"/api/referrals/{referral.Id}/accept", null);
        var foreignList = await (await foreignManager.GetAsync("/api/referrals")).ReadAsync<List<ReferralQueries.WorklistItem>>();

        Assert.Equal(HttpStatusCode.NotFound, byTherapist.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, byForeign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignAccept.StatusCode);
        Assert.DoesNotContain(foreignList!, r => r.Id == referral.Id);
    }

    [Fact]
    public async Task Worklist_PutsNewReferralsFirst_UrgentThenWaitingLongest()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id, urgency: "Urgent"));
        var manager = await app.AsAsync(Roles.Manager);

        var list = await (await manager.GetAsync("/api/referrals")).ReadAsync<List<ReferralQueries.WorklistItem>>();

        Assert.NotNull(list);
        var sent = list.TakeWhile(r => r.Status == ReferralStatus.Sent).ToList();
        Assert.NotEmpty(sent);
        Assert.Equal(list.Count(r => r.Status == ReferralStatus.Sent), sent.Count);
        Assert.Equal(ReferralUrgency.Urgent, sent[0].Urgency);
        var routine = sent.Where(r => r.Urgency == ReferralUrgency.Routine).ToList();
        Assert.Equal(routine.OrderByDescending(r => r.DaysWaiting).Select(r => r.Id), routine.Select(r => r.Id));
    }

    [Fact]
    public async Task RefusedTransitionOnThePage_ShowsTheReasonAndChangesNothing()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var referral = await (await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);
        var page = $"/Referrals/Details/{referral!.Id}";

        var response = await manager.PostFormAsync(page, [], $"{page}?handler=Move&step=Discharge");
        var html = await response.Content.ReadAsStringAsync();
        var after = await (await manager.GetAsync($"/api/referrals/{referral.Id}")).ReadAsync<ReferralDto>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A referral that is sent cannot be discharged.", html, StringComparison.Ordinal);
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.Sent, after!.Status);
    }

    [Fact]
    public async Task Transitions_AreAudited()
    {
        var (clinician, patient) = await ClinicianWithNewPatientAsync();
        var referral = await (await clinician.PostAsync("/api/referrals", ReferralBody(patient.Id))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);

        await manager.PostAsync($"/api/referrals/{referral!.Id}/accept", null);
        var entries = await app.AuditForAsync(patient.Id);

        Assert.Contains(entries, e => e.EntityType == nameof(Referral) && e.Action == AuditActions.Create);
        Assert.Contains(entries, e => e.EntityType == nameof(Referral) && e.Action == AuditActions.Update
            && e.Role == Roles.Manager && e.Detail!.Contains("Status", StringComparison.Ordinal));
    }

    private async Task<Guid> CreateTherapistAsync(LicenceStatus status, DateOnly expires)
    {
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TactusUser>>();
        var organizationId = (await users.FindByEmailAsync(SignIn.DemoEmail(Roles.Manager)))!.OrganizationId;
        var email = $"lapsed-{Guid.NewGuid():N}@riverside.example";
        var user = new TactusUser { Email = email, UserName = email, DisplayName = "Lapsed Therapist", OrganizationId = organizationId };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        await users.AddToRoleAsync(user, Roles.Therapist);
        var db = scope.ServiceProvider.GetRequiredService<Tactus.Web.Data.TactusDbContext>();
        var practitioner = new Practitioner { OrganizationId = organizationId, UserId = user.Id, Discipline = Disciplines.MassageTherapist };
        practitioner.Licences.Add(new Licence { State = "OR", Number = "LMT999", Status = status, ExpiresOn = expires });
        db.Practitioners.Add(practitioner);
        await db.SaveChangesAsync();
        return user.Id;
    }
}

public sealed class ReferralsApiSqliteTests(SqliteApp app) : ReferralsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ReferralsApiPostgreSqlTests(PostgreSqlApp app) : ReferralsApiTests(app), IClassFixture<PostgreSqlApp>;
