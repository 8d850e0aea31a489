using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Features.Scheduling;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Portal;

/// <summary>
/// The patient's appointments in the portal (issue 13 §4): confirm, cancel while the clinic's 24-hour notice allows
/// (later: call, and nothing changes), ask for another time (it waits on the therapist and the manager until the visit
/// is moved), take a visit into their calendar as .ics without their name, and never reach another patient's visit.
/// </summary>
public abstract class PortalAppointmentsTests(TactusApp app)
{
    private const string Password = "Harbour-lantern-quiet-77";

    [Fact]
    public async Task APatient_ConfirmsAVisit_AndTakesItIntoTheirCalendar_WithoutTheirName()
    {
        var (portal, visit, family) = await PatientWithVisitAsync(daysAhead: 10);

        var page = await portal.GetStringAsync("/Portal");
        var confirmed = await portal.PostFormAsync("/Portal", [], $"/Portal?handler=Confirm&id={visit.Id}");
        var stored = await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == visit.Id));
        var after = await portal.GetStringAsync("/Portal");
        var ics = await portal.GetAsync($"/Portal?handler=Calendar&id={visit.Id}");
        var body = await ics.Content.ReadAsStringAsync();

        Assert.Contains($"data-testid=\"appointment-{visit.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains("Please confirm that you will come.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.NotNull(stored.ConfirmedAt);
        Assert.Contains("You have confirmed this appointment.", after, StringComparison.Ordinal);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var calendarEvent = Assert.Single(Ical.Net.Calendar.Load(body)!.Events);
        Assert.Equal(visit.StartsAt.UtcDateTime, calendarEvent.Start!.AsUtc);
        Assert.Equal("Treatment, 60 minutes", calendarEvent.Summary);
        Assert.DoesNotContain(family, body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task APatient_CancelsWithNotice_ButWithinTheDayIsAskedToCall_AndNothingChanges()
    {
        var (portal, ahead, _) = await PatientWithVisitAsync(daysAhead: 12);
        var cancelled = await portal.PostFormAsync("/Portal", new() { ["reason"] = "Travelling for work" }, $"/Portal?handler=Cancel&id={ahead.Id}");
        var stored = await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == ahead.Id));

        var (_, soon, family) = await PatientWithVisitAsync(daysAhead: 13);
        app.Clock.SetUtcNow(soon.StartsAt.AddHours(-5).ToUniversalTime());
        var late = await SignInAsync($"{family.ToLowerInvariant()}@example.org"); // the clock moved past the idle time-out
        var refused = await late.PostFormAsync("/Portal", new() { ["reason"] = "Changed my mind" }, $"/Portal?handler=Cancel&id={soon.Id}");
        var unchanged = await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == soon.Id));

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Equal(AppointmentStatus.Cancelled, stored.Status);
        Assert.Equal("Cancelled by the patient in the portal: Travelling for work", stored.CancelReason);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("please call the clinic to cancel", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, unchanged.Status);
    }

    [Fact]
    public async Task AskingForAnotherTime_WaitsOnTheTherapistAndManager_UntilTheVisitIsMoved()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var (portal, visit, _) = await PatientWithVisitAsync(daysAhead: 15);
        var asked = await portal.PostFormAsync("/Portal", new() { ["note"] = "Mornings suit me better" }, $"/Portal?handler=NewTime&id={visit.Id}");
        var manager = await app.AsAsync(Roles.Manager);
        var therapist = await app.AsAsync(Roles.Therapist);
        var managerInbox = await manager.GetStringAsync("/Inbox");
        var therapistInbox = await therapist.GetStringAsync("/Inbox");

        var moved = await manager.PostAsync($"/api/appointments/{visit.Id}/move", Json.Body($$"""{"startsAt":"{{data.Weekday(16, 9):O}}"}"""));
        var afterMove = await manager.GetStringAsync("/Inbox");
        var request = await app.WithDbAsync(db => db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.RegardingAppointmentId == visit.Id));

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("Mornings suit me better", managerInbox, StringComparison.Ordinal);
        Assert.Contains("Mornings suit me better", therapistInbox, StringComparison.Ordinal);
        Assert.True(moved.IsSuccessStatusCode, await moved.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Mornings suit me better", afterMove, StringComparison.Ordinal);
        Assert.Equal(WaitlistStatus.Booked, request.Status);
    }

    [Fact]
    public async Task AnotherPatientsVisit_IsNotFound_ForConfirmAndCalendar()
    {
        var (_, theirs, _) = await PatientWithVisitAsync(daysAhead: 18);
        var (mine, _, _) = await PatientWithVisitAsync(daysAhead: 19);

        var confirm = await mine.PostFormAsync("/Portal", [], $"/Portal?handler=Confirm&id={theirs.Id}");
        var ics = await mine.GetAsync($"/Portal?handler=Calendar&id={theirs.Id}");
        var stored = await app.WithDbAsync(db => db.Appointments.AsNoTracking().SingleAsync(a => a.Id == theirs.Id));

        Assert.Equal(HttpStatusCode.NotFound, confirm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, ics.StatusCode);
        Assert.Null(stored.ConfirmedAt);
    }

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = app.CreateBrowserlessClient();
        await client.PostLoginAsync(email, Password);
        return client;
    }

    /// <summary>A referred patient with a booked treatment and a portal account of their own, signed in.</summary>
    private async Task<(HttpClient Portal, AppointmentDto Visit, string FamilyName)> PatientWithVisitAsync(int daysAhead)
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var family = "Portalvisit" + Guid.NewGuid().ToString("N")[..6];
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: family);
        var manager = await app.AsAsync(Roles.Manager);
        var booked = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(loop.ReferralId, data.Weekday(daysAhead, 14))));
        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        var email = $"{family.ToLowerInvariant()}@example.org";
        return (await app.PortalAsync(loop.PatientId, email, Password), (await booked.ReadAsync<AppointmentDto>())!, family);
    }
}

public sealed class PortalAppointmentsSqliteTests(SqliteApp app) : PortalAppointmentsTests(app), IClassFixture<SqliteApp>;

public sealed class PortalAppointmentsPostgreSqlTests(PostgreSqlApp app) : PortalAppointmentsTests(app), IClassFixture<PostgreSqlApp>;
