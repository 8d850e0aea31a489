using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Scheduling;

/// <summary>
/// The calendar as the clinic uses it (issue 13 §1): booked from the referral's page in local time, shown in the
/// therapist's week, checked in from it; the referral's status follows, and the hand-set "scheduled" step is gone.
/// </summary>
public abstract class CalendarPageTests(TactusApp app)
{
    [Fact]
    public async Task AVisitBookedOnThePage_IsInTheTherapistsWeek_AndTheReferralIsScheduled()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var referral = await SchedulingTestData.NewReferralAsync(app);
        var manager = await app.AsAsync(Roles.Manager);
        var startsAt = data.Weekday(15, 10);
        var day = DateOnly.FromDateTime(startsAt.DateTime);

        var details = await manager.GetStringAsync($"/Referrals/Details/{referral}");
        var booked = await manager.PostFormAsync($"/Scheduling/Book?referralId={referral}", new Dictionary<string, string>
        {
            ["TherapistId"] = data.Therapist.ToString(), ["RoomId"] = data.Room2.ToString(), ["AppointmentTypeId"] = data.Treatment.ToString(),
            ["Day"] = day.ToString("yyyy-MM-dd"), ["Time"] = "10:00",
        });
        var week = await manager.GetStringAsync($"/Scheduling?date={day:yyyy-MM-dd}&therapist={data.Therapist}");
        var status = await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == referral).Select(r => r.Status).SingleAsync());
        var afterwards = await manager.GetStringAsync($"/Referrals/Details/{referral}");

        Assert.Contains("data-testid=\"book-visit\"", details, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Contains("10:00–11:00", week, StringComparison.Ordinal);
        Assert.Contains("Booking", week, StringComparison.Ordinal); // the patient's family name
        Assert.Equal(ReferralStatus.Scheduled, status);
        Assert.DoesNotContain("step=Schedule", afterwards, StringComparison.Ordinal);
        Assert.DoesNotContain("Mark as scheduled", afterwards, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABookingOutsideTheHours_IsShownWithItsReason_AndStoresNothing()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var referral = await SchedulingTestData.NewReferralAsync(app);
        var manager = await app.AsAsync(Roles.Manager);
        var day = DateOnly.FromDateTime(data.Weekday(16, 7).DateTime);

        var refused = await manager.PostFormAsync($"/Scheduling/Book?referralId={referral}", new Dictionary<string, string>
        {
            ["TherapistId"] = data.Therapist.ToString(), ["AppointmentTypeId"] = data.Treatment.ToString(), ["Day"] = day.ToString("yyyy-MM-dd"), ["Time"] = "07:00",
        });
        var html = await refused.Content.ReadAsStringAsync();
        var stored = await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.ReferralId == referral));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("outside the therapist&#x27;s working hours", html, StringComparison.Ordinal);
        Assert.Equal(0, stored);
    }

    /// <summary>Moving a visit on the calendar frees its old time and claims the new one; a move onto a taken time changes nothing.</summary>
    [Fact]
    public async Task MovingAVisit_FreesTheOldTime_AndAMoveOntoATakenTimeChangesNothing()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var manager = await app.AsAsync(Roles.Manager);
        var (first, second, third) = (await SchedulingTestData.NewReferralAsync(app), await SchedulingTestData.NewReferralAsync(app), await SchedulingTestData.NewReferralAsync(app));
        var startsAt = data.Weekday(17, 10);
        var day = DateOnly.FromDateTime(startsAt.DateTime);
        var moving = await (await manager.PostAsync("/api/appointments", Json.Body(data.Booking(first, startsAt)))).ReadAsync<AppointmentDto>();
        var blocking = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(second, startsAt.AddHours(6))));

        var moved = await manager.PostFormAsync($"/Scheduling?date={day:yyyy-MM-dd}", new Dictionary<string, string>
        {
            ["day"] = day.ToString("yyyy-MM-dd"), ["at"] = "14:00",
        }, $"/Scheduling?handler=Move&id={moving!.Id}&date={day:yyyy-MM-dd}&therapist={data.Therapist}");
        var intoTheOldTime = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(third, startsAt)));
        var ontoTaken = await manager.PostAsync($"/api/appointments/{moving.Id}/move", Json.Body($$"""{"startsAt":"{{startsAt.AddHours(6):O}}"}"""));
        var stored = await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == moving.Id));

        Assert.Equal(HttpStatusCode.Created, blocking.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Created, intoTheOldTime.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, ontoTaken.StatusCode);
        Assert.Equal(startsAt.AddHours(4).UtcDateTime, stored.StartsAt.UtcDateTime);
    }

    /// <summary>The calendar is the scheduling roles' (manager, therapist): a biller or a clinician is refused before it renders.</summary>
    [Theory]
    [InlineData(Roles.Biller)]
    [InlineData(Roles.Clinician)]
    [InlineData(Roles.Researcher)]
    public async Task OtherRoles_AreRefusedTheCalendar(string role)
    {
        var client = await app.AsAsync(role);

        foreach (var page in new[] { "/Scheduling", $"/Scheduling/Book?referralId={Guid.NewGuid()}" })
        {
            var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        }
    }

    /// <summary>At the visit's time the therapist checks in: the appointment is held by the visit and the referral is in progress.</summary>
    [Fact]
    public async Task CheckingIn_HoldsTheBookedAppointment_AndStartsTheReferral()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Checkin" + Guid.NewGuid().ToString("N")[..6]);
        Assert.True((await loop.RecordIntakeAsync("{}")).IsSuccessStatusCode);
        var startsAt = data.Weekday(10, 9);
        var booking = await loop.Manager.PostAsync("/api/appointments", Json.Body(data.Booking(loop.ReferralId, startsAt)));
        var appointment = (await booking.ReadAsync<AppointmentDto>())!;

        app.Clock.SetUtcNow(startsAt.AddMinutes(-5).ToUniversalTime());
        var therapist = await app.AsAsync(Roles.Therapist); // a new sign-in on the day
        var calendar = await therapist.GetStringAsync($"/Scheduling?view=day&date={DateOnly.FromDateTime(startsAt.DateTime):yyyy-MM-dd}");
        var checkInPage = await therapist.GetAsync($"/Sessions/CheckIn/{loop.ReferralId}"); // where the calendar's button leads
        var checkIn = await therapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":6,"stressBefore":4}"""));
        var held = await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == appointment.Id));
        var status = await app.WithDbAsync(db => db.Referrals.Where(r => r.Id == loop.ReferralId).Select(r => r.Status).SingleAsync());

        Assert.Contains($"href=\"/Sessions/CheckIn/{loop.ReferralId}\"", calendar, StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.OK, checkInPage.StatusCode);
        Assert.True(checkIn.IsSuccessStatusCode, await checkIn.Content.ReadAsStringAsync());
        Assert.Equal(AppointmentStatus.CheckedIn, held.Status);
        Assert.NotNull(held.SessionId);
        Assert.Equal(ReferralStatus.InProgress, status);
    }
}

public sealed class CalendarPageSqliteTests(SqliteApp app) : CalendarPageTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarPagePostgreSqlTests(PostgreSqlApp app) : CalendarPageTests(app), IClassFixture<PostgreSqlApp>;
