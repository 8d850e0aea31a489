using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Scheduling;

/// <summary>
/// Booking a visit (issue 13 §1): it lands in the therapist's calendar, moves the referral to scheduled, and cannot take
/// time that is taken, outside the therapist's hours, on leave or in a closure; nothing is stored when it is refused.
/// </summary>
public abstract class BookingTests(TactusApp app)
{
    [Fact]
    public async Task ABooking_IsInTheCalendar_AndTheReferralFollowsTheSchedule()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var referral = await SchedulingTestData.NewReferralAsync(app);
        var manager = await app.AsAsync(Roles.Manager);
        var startsAt = data.Weekday(21, 10);

        var response = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, startsAt)));
        var booked = await response.ReadAsync<AppointmentDto>();
        var calendar = await (await manager.GetAsync($"/api/appointments?therapist={data.Therapist}&from={Uri.EscapeDataString(startsAt.AddHours(-1).ToString("O"))}&to={Uri.EscapeDataString(startsAt.AddHours(8).ToString("O"))}")).ReadAsync<List<AppointmentDto>>();
        var status = await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == referral).Select(r => r.Status).SingleAsync());
        var audited = await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Appointment) && a.EntityId == booked!.Id.ToString() && a.Action == "create"));

        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        Assert.Equal((startsAt, startsAt.AddMinutes(60)), (booked!.StartsAt, booked.EndsAt));
        Assert.Contains(calendar!, a => a.Id == booked.Id);
        Assert.Equal(ReferralStatus.Scheduled, status);
        Assert.True(audited);
    }

    /// <summary>Many requests for one therapist's slot at once: exactly one is booked, the rest are told it was taken (409).</summary>
    [Fact]
    public async Task ParallelBookingsOfOneSlot_ExactlyOneWins()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var referrals = new[] { await SchedulingTestData.NewReferralAsync(app), await SchedulingTestData.NewReferralAsync(app) };
        var startsAt = data.Weekday(22, 13);
        var clients = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => app.AsAsync(Roles.Manager)));

        // Different patients, different rooms: only the therapist's time is shared.
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => clients[i % clients.Length].PostAsync("/api/appointments",
            Json.Body(data.Booking(referrals[i % referrals.Length], startsAt.AddMinutes(i % 2 * 10), i % 2 == 0 ? data.Room1 : data.Room2)))));
        var (from, until) = (startsAt.AddMinutes(-60).ToUniversalTime(), startsAt.AddMinutes(60).ToUniversalTime());
        var stored = await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.TherapistId == data.Therapist
            && a.StartsAt >= from && a.StartsAt < until && a.Status == AppointmentStatus.Booked));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task TimeThatCannotBeBooked_IsRefusedWithItsReason_AndNothingIsStored()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var referral = await SchedulingTestData.NewReferralAsync(app);
        var manager = await app.AsAsync(Roles.Manager);
        var leaveDay = data.Weekday(23, 9).ToUniversalTime();
        await app.WithDbAsync(async db =>
        {
            db.ScheduleBlocks.Add(new ScheduleBlock
            {
                OrganizationId = data.OrganizationId, TherapistId = data.Therapist, Kind = ScheduleBlockKind.Leave, Starts = leaveDay, Ends = leaveDay.AddHours(8),
            });
            return await db.SaveChangesAsync();
        });
        var before = await app.WithDbAsync(db => db.Appointments.CountAsync());

        var early = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Weekday(24, 7))));
        var lateInTheDay = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Weekday(24, 16, 30))));
        var weekend = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Saturday(4, 10))));
        var onLeave = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, leaveDay.AddHours(2))));
        var offTheMark = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Weekday(24, 10, 3))));
        var past = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Weekday(-7, 10))));
        var malformed = await manager.PostAsync("/api/appointments", Json.Body("""{"referralId":"x","startsAt":"tomorrow"}"""));
        var after = await app.WithDbAsync(db => db.Appointments.CountAsync());

        foreach (var (response, reason) in new[] { (early, "working hours"), (lateInTheDay, "working hours"), (weekend, "working hours"), (onLeave, "away (leave)") })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            Assert.Contains(reason, (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.UnprocessableEntity, offTheMark.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(before, after);
    }

    /// <summary>Past the authorisation's visits (booked visits counted) a booking needs a reason, kept with it (issue 13 §1).</summary>
    [Fact]
    public async Task PastTheAuthorisation_ABookingNeedsAReason_WhichIsKept()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var authorization = await app.WithDbAsync(db => db.Authorizations.AsNoTracking().SingleAsync(a => a.Number == "AUTH-7741" && a.OrganizationId == data.OrganizationId));
        var given = await app.WithDbAsync(db => db.TreatmentSessions.CountAsync(s => s.ReferralId == authorization.ReferralId));
        var booked = await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.ReferralId == authorization.ReferralId && a.Status == AppointmentStatus.Booked));
        var manager = await app.AsAsync(Roles.Manager);
        var day = 8;
        for (var visit = given + booked + 1; visit <= authorization.VisitsApproved; visit++, day += 2)
        {
            var within = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(authorization.ReferralId!.Value, data.Weekday(day, 15))));
            Assert.True(within.StatusCode == HttpStatusCode.Created, await within.Content.ReadAsStringAsync());
        }

        var past = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(authorization.ReferralId!.Value, data.Weekday(day + 2, 15))));
        var problem = await past.ReadJsonAsync();
        var overridden = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(authorization.ReferralId!.Value, data.Weekday(day + 2, 15),
            overrideReason: "Payer confirmed an extension by phone; reference 5521.")));
        var stored = await overridden.ReadAsync<AppointmentDto>();
        var kept = await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == stored!.Id));

        Assert.Equal(HttpStatusCode.Conflict, past.StatusCode);
        Assert.Equal("override-required", problem.GetProperty("code").GetString());
        Assert.Contains(problem.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("AUTH-7741", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, overridden.StatusCode);
        Assert.Equal("Payer confirmed an extension by phone; reference 5521.", kept.OverrideReason);
        Assert.Contains("AUTH-7741", kept.OverriddenWarnings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancelling_FreesTheTime_ALateOneIsRecordedAsLate_AndANoShowWaitsForTheTime()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var referral = await SchedulingTestData.NewReferralAsync(app);
        var manager = await app.AsAsync(Roles.Manager);
        var startsAt = data.Weekday(9, 10);
        var first = await BookAsync(manager, data.Booking(referral, startsAt));
        var noReason = await manager.PostAsync($"/api/appointments/{first!.Id}/cancel", Json.Body("{}"));
        var tooEarlyForNoShow = await manager.PostAsync($"/api/appointments/{first.Id}/no-show", Json.Body("{}"));
        var cancelResponse = await manager.PostAsync($"/api/appointments/{first.Id}/cancel", Json.Body("""{"reason":"Patient has a cold"}"""));
        Assert.True(cancelResponse.IsSuccessStatusCode, await cancelResponse.Content.ReadAsStringAsync());
        var cancelled = await cancelResponse.ReadAsync<AppointmentDto>();
        var rebooked = await BookAsync(manager, data.Booking(referral, startsAt));
        var afterward = await BookAsync(manager, data.Booking(referral, startsAt.AddHours(3)));

        // The morning of the visit: inside the 24 hours' notice, then past the second visit's start.
        app.Clock.SetUtcNow(startsAt.AddHours(-2).ToUniversalTime());
        manager = await app.AsAsync(Roles.Manager); // a new day, a new sign-in
        var lateResponse = await manager.PostAsync($"/api/appointments/{rebooked!.Id}/cancel", Json.Body("""{"reason":"Car broke down"}"""));
        Assert.True(lateResponse.IsSuccessStatusCode, await lateResponse.Content.ReadAsStringAsync());
        var late = await lateResponse.ReadAsync<AppointmentDto>();
        app.Clock.SetUtcNow(startsAt.AddHours(3).AddMinutes(20).ToUniversalTime());
        manager = await app.AsAsync(Roles.Manager); // past the idle timeout of the morning's session
        var noShow = await (await manager.PostAsync($"/api/appointments/{afterward!.Id}/no-show", Json.Body("""{"reason":"No answer by phone"}"""))).ReadAsync<AppointmentDto>();
        var otherOrganization = await app.WithDbAsync(db => db.Appointments.Where(a => a.OrganizationId != data.OrganizationId).Select(a => a.Id).FirstAsync());
        var elsewhere = await manager.PostAsync($"/api/appointments/{otherOrganization}/cancel", Json.Body("""{"reason":"x"}"""));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooEarlyForNoShow.StatusCode);
        Assert.Equal(nameof(AppointmentStatus.Cancelled), cancelled!.Status);
        Assert.Equal(startsAt, rebooked.StartsAt);
        Assert.Equal(nameof(AppointmentStatus.LateCancelled), late!.Status);
        Assert.Equal((nameof(AppointmentStatus.NoShow), "No answer by phone"), (noShow!.Status, noShow.CancelReason));
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task OnlyTheSchedulingRolesBook_AndATherapistBooksOnlyTheirOwnPatients()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var referral = await SchedulingTestData.NewReferralAsync(app);
        var notTheirs = await SchedulingTestData.NewReferralAsync(app, "therapist2@riverside.example");

        var biller = await (await app.AsAsync(Roles.Biller)).PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Weekday(26, 10))));
        var clinician = await (await app.AsAsync(Roles.Clinician)).GetAsync($"/api/appointments?from={Uri.EscapeDataString(data.Weekday(26, 0).ToString("O"))}&to={Uri.EscapeDataString(data.Weekday(27, 0).ToString("O"))}");
        var therapist = await app.AsAsync(Roles.Therapist);
        var own = await therapist.PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Weekday(26, 14))));
        var others = await therapist.PostAsync("/api/appointments", Json.Body(data.Booking(notTheirs, data.Weekday(26, 15))));

        Assert.Equal(HttpStatusCode.Forbidden, biller.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, clinician.StatusCode);
        Assert.True(own.StatusCode == HttpStatusCode.Created, await own.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, others.StatusCode); // not in their list: as if it did not exist
    }

    private static async Task<AppointmentDto> BookAsync(HttpClient client, string booking)
    {
        var response = await client.PostAsync("/api/appointments", Json.Body(booking));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadAsync<AppointmentDto>())!;
    }
}

public sealed class BookingSqliteTests(SqliteApp app) : BookingTests(app), IClassFixture<SqliteApp>;

public sealed class BookingPostgreSqlTests(PostgreSqlApp app) : BookingTests(app), IClassFixture<PostgreSqlApp>;
