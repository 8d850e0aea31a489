using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Features.Scheduling;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Sessions;

namespace Tactus.Tests.Features.Inbox;

/// <summary>
/// Work that finds its person (issue 13 §3): each kind of work appears in the inbox of the person who must do it,
/// counted in the navigation, linking to where it is done, and leaves both once it is done.
/// </summary>
public abstract partial class InboxTests(TactusApp app)
{
    [Fact]
    public async Task ANewReferral_WaitsOnTheManager_UntilAssigned_ThenOnTheTherapist_UntilTheFirstVisitIsBooked()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Odile","familyName":"Worklist","birthDate":"1970-02-03","sex":"Female"}"""))).ReadAsync<PatientDto>();
        var manager = await app.AsAsync(Roles.Manager);
        var therapist = await app.AsAsync(Roles.Therapist);
        var managerBefore = await WaitingAsync(manager);
        var therapistBefore = await WaitingAsync(therapist);

        var referral = await (await clinician.PostAsync("/api/referrals", Json.Body(
            $$"""{"patientId":"{{patient!.Id}}","diagnoses":["M54.50"],"reason":"Chronic low back pain","visitsRequested":6,"urgency":"Urgent"}"""))).ReadAsync<ReferralDto>();
        var toTriage = await InboxAsync(manager);
        var managerWith = await WaitingAsync(manager);
        await manager.PostAsync($"/api/referrals/{referral!.Id}/accept", null);
        await manager.PostAsync($"/api/referrals/{referral.Id}/assign", Json.Body($$"""{"therapistId":"{{data.Therapist}}"}"""));
        var afterTriage = await InboxAsync(manager);
        var assigned = await InboxAsync(therapist);
        var therapistWith = await WaitingAsync(therapist);
        var booked = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral.Id, data.Weekday(8, 10), overrideReason: null)));
        var afterBooking = await InboxAsync(therapist);

        Assert.Contains($"<a href=\"/Referrals/Details/{referral.Id}\">Urgent referral for Odile Worklist</a>", toTriage, StringComparison.Ordinal);
        Assert.Equal(managerBefore + 1, managerWith);
        Assert.DoesNotContain($"/Referrals/Details/{referral.Id}", afterTriage, StringComparison.Ordinal);
        Assert.Equal(managerBefore, await WaitingAsync(manager));
        Assert.Contains($"<a href=\"/Scheduling/Book?referralId={referral.Id}\">", assigned, StringComparison.Ordinal);
        Assert.Equal(therapistBefore + 1, therapistWith);
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        Assert.DoesNotContain($"/Scheduling/Book?referralId={referral.Id}", afterBooking, StringComparison.Ordinal);
        Assert.Equal(therapistBefore, await WaitingAsync(therapist));
    }

    /// <summary>The referral follows the schedule both ways: cancelling one of two visits keeps it scheduled; cancelling the last puts it back to be booked.</summary>
    [Fact]
    public async Task CancellingTheLastBookedVisit_PutsTheReferralBackToBeBooked_InTheTherapistsInbox()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Rebook" + Guid.NewGuid().ToString("N")[..5]);
        var first = await BookAsync(loop.Manager, data.Booking(loop.ReferralId, data.Weekday(12, 14)));
        var second = await BookAsync(loop.Manager, data.Booking(loop.ReferralId, data.Weekday(13, 16)));
        var therapist = await app.AsAsync(Roles.Therapist);
        var link = $"/Scheduling/Book?referralId={loop.ReferralId}";

        await loop.Manager.PostAsync($"/api/appointments/{first.Id}/cancel", Json.Body("""{"reason":"Clinic closed"}"""));
        var afterOne = await app.WithDbAsync(db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == loop.ReferralId));
        var inboxAfterOne = await InboxAsync(therapist);
        await loop.Manager.PostAsync($"/api/appointments/{second.Id}/cancel", Json.Body("""{"reason":"Patient moved away for a month"}"""));
        var afterBoth = await app.WithDbAsync(db => db.Referrals.AsNoTracking().Include(r => r.StatusChanges).SingleAsync(r => r.Id == loop.ReferralId));
        var inboxAfterBoth = await InboxAsync(therapist);

        Assert.Equal(ReferralStatus.Scheduled, afterOne.Status);
        Assert.DoesNotContain(link, inboxAfterOne, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.Accepted, afterBoth.Status);
        Assert.Contains(afterBoth.StatusChanges, c => c.From == ReferralStatus.Scheduled && c.To == ReferralStatus.Accepted);
        Assert.Contains(link, inboxAfterBoth, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANoteLeftUnsigned_WaitsOnItsTherapist_FromTheDayAfterTheVisit_UntilSigned()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Unsigned" + Guid.NewGuid().ToString("N")[..5]);
        Assert.True((await loop.RecordIntakeAsync("{}")).IsSuccessStatusCode);
        var checkedIn = await loop.CheckInAsync("""{"painBefore":5,"stressBefore":4}""");
        Assert.True(checkedIn.StatusCode == HttpStatusCode.Created, await checkedIn.Content.ReadAsStringAsync());
        var session = await checkedIn.ReadAsync<SessionsApi.SessionDto>();
        var link = $"/Sessions/Edit/{session!.Id}";
        var onTheDay = await InboxAsync(loop.Therapist);

        app.Clock.Advance(TimeSpan.FromDays(1));
        var therapist = await app.AsAsync(Roles.Therapist);
        var dayAfter = await InboxAsync(therapist);
        var managers = await InboxAsync(await app.AsAsync(Roles.Manager));
        var colleague = app.CreateBrowserlessClient();
        await colleague.PostLoginAsync("therapist2@riverside.example", Tactus.Web.Data.Seed.DemoClinic.Password);
        var otherTherapist = await InboxAsync(colleague);
        await therapist.PutAsync($"/api/sessions/{session.Id}/note", Json.Body("""
            {"techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],"painAfter":3,"stressAfter":2,"adverseEvents":[]}
            """));
        var signed = await therapist.PostAsync($"/api/sessions/{session.Id}/sign", null);
        var afterSigning = await InboxAsync(therapist);

        Assert.DoesNotContain(link, onTheDay, StringComparison.Ordinal);
        Assert.Contains(link, dayAfter, StringComparison.Ordinal);
        Assert.Contains(link, managers, StringComparison.Ordinal);
        Assert.DoesNotContain(link, otherTherapist, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.DoesNotContain(link, afterSigning, StringComparison.Ordinal);
    }

    /// <summary>A clearance finding blocks treatment until the referring clinician clears it (clinical.md §4): it waits on that clinician.</summary>
    [Fact]
    public async Task AClearanceFinding_WaitsOnTheReferringClinician_UntilCleared()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Clearance" + Guid.NewGuid().ToString("N")[..5]);
        var surgery = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-20).ToString("yyyy-MM-dd");
        var intake = await loop.RecordIntakeAsync($$"""{"recentSurgeryDate":"{{surgery}}","surgeryRegions":["abdomen"]}""");
        Assert.True(intake.IsSuccessStatusCode, await intake.Content.ReadAsStringAsync());
        var findings = await app.WithDbAsync(db => db.Findings.AsNoTracking().Where(f => f.PatientId == loop.PatientId && f.Status == FindingStatus.Active).ToListAsync());
        var finding = Assert.Single(findings, f => f.NeedsClearance);
        var link = $"/Patients/Details/{loop.PatientId}";

        var requested = await InboxAsync(loop.Clinician);
        var therapists = await InboxAsync(loop.Therapist);
        var cleared = await loop.Clinician.PostAsync($"/api/patients/{loop.PatientId}/findings/{finding.Id}/clear", Json.Body("""{"reason":"Healing well; avoid the abdomen."}"""));
        var afterClearing = await InboxAsync(loop.Clinician);

        Assert.Contains("Clearance requests", requested, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{link}\">{finding.Finding} for Lorna {await FamilyNameAsync(loop.PatientId)}</a>", requested, StringComparison.Ordinal);
        Assert.DoesNotContain(link, therapists, StringComparison.Ordinal);
        Assert.True(cleared.IsSuccessStatusCode, await cleared.Content.ReadAsStringAsync());
        Assert.DoesNotContain(link, afterClearing, StringComparison.Ordinal);
    }

    /// <summary>A questionnaire link that expires unanswered waits on whoever sent it, until a new link is sent.</summary>
    [Fact]
    public async Task AQuestionnaireLinkThatExpiredUnanswered_WaitsOnItsSender_UntilSentAgain()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Overdue" + Guid.NewGuid().ToString("N")[..5]);
        var send = $"/Patients/Details/{loop.PatientId}?handler=SendLink";
        var sent = await loop.Clinician.PostFormAsync($"/Patients/Details/{loop.PatientId}", new() { ["instruments"] = "PHQ-9" }, send);
        var whileValid = await InboxAsync(loop.Clinician);

        app.Clock.Advance(TimeSpan.FromHours(73));
        var clinician = await app.AsAsync(Roles.Clinician);
        var expired = await InboxAsync(clinician);
        await clinician.PostFormAsync($"/Patients/Details/{loop.PatientId}", new() { ["instruments"] = "PHQ-9" }, send);
        var afterResending = await InboxAsync(clinician);

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.False(Overdue(whileValid, loop.PatientId));
        Assert.True(Overdue(expired, loop.PatientId));
        Assert.False(Overdue(afterResending, loop.PatientId));
    }

    /// <summary>A licence close to expiry waits on the manager until it is renewed; the biller's inbox holds claims only.</summary>
    [Fact]
    public async Task ALicenceCloseToExpiry_WaitsOnTheManager_UntilRenewed()
    {
        var therapistId = await app.UserIdAsync("therapist2@riverside.example");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        await SetLicenceExpiryAsync(therapistId, today.AddDays(30));
        var manager = await app.AsAsync(Roles.Manager);
        var expiring = await InboxAsync(manager);
        var biller = await InboxAsync(await app.AsAsync(Roles.Biller));

        await SetLicenceExpiryAsync(therapistId, today.AddYears(2));
        var renewed = await InboxAsync(manager);

        var name = await app.WithDbAsync(db => db.Users.Where(u => u.Id == therapistId).Select(u => u.DisplayName).SingleAsync());
        Assert.Contains($"{name}</a>: expires {today.AddDays(30):yyyy-MM-dd}", expiring, StringComparison.Ordinal);
        Assert.DoesNotContain(name, renewed, StringComparison.Ordinal);
        var held = await app.WithDbAsync(db => db.Claims.CountAsync(c => c.Status == Tactus.Web.Features.Claims.ClaimStatus.Held));
        var denied = await app.WithDbAsync(db => db.Claims.CountAsync(c => c.Status == Tactus.Web.Features.Claims.ClaimStatus.Denied));
        Assert.Contains($"Claims held ({held})", biller, StringComparison.Ordinal);
        Assert.Contains($"Denials to work ({denied})", biller, StringComparison.Ordinal);
        Assert.DoesNotContain("Licences and certifications", biller, StringComparison.Ordinal);
    }

    private static bool Overdue(string inbox, Guid patientId)
    {
        var section = Regex.Match(inbox, "data-testid=\"inbox-questionnaires\".*?</section>", RegexOptions.Singleline).Value;
        return section.Contains($"/Patients/Details/{patientId}", StringComparison.Ordinal);
    }

    private Task<string> FamilyNameAsync(Guid patientId) =>
        app.WithDbAsync(async db => (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId)).FamilyName);

    private Task<int> SetLicenceExpiryAsync(Guid userId, DateOnly expiresOn) => app.WithDbAsync(async db =>
    {
        var practitioner = await db.Practitioners.SingleAsync(p => p.UserId == userId);
        foreach (var licence in practitioner.Licences)
        {
            licence.ExpiresOn = expiresOn;
        }

        foreach (var certification in practitioner.Certifications)
        {
            certification.ExpiresOn = expiresOn.AddYears(1);
        }

        return await db.SaveChangesAsync();
    });

    private static Task<string> InboxAsync(HttpClient client) => client.GetStringAsync("/Inbox");

    private static async Task<Tactus.Web.Features.Scheduling.AppointmentDto> BookAsync(HttpClient manager, string booking)
    {
        var response = await manager.PostAsync("/api/appointments", Json.Body(booking));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync<Tactus.Web.Features.Scheduling.AppointmentDto>())!;
    }

    /// <summary>The count the navigation shows on every page.</summary>
    private static async Task<int> WaitingAsync(HttpClient client)
    {
        var match = NavCount().Match(await client.GetStringAsync("/Scheduling"));
        return match.Groups[1].Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    [GeneratedRegex(@"data-testid=""nav-inbox"">Inbox(?: \((\d+)\))?</a>")]
    private static partial Regex NavCount();
}

public sealed class InboxSqliteTests(SqliteApp app) : InboxTests(app), IClassFixture<SqliteApp>;

public sealed class InboxPostgreSqlTests(PostgreSqlApp app) : InboxTests(app), IClassFixture<PostgreSqlApp>;
