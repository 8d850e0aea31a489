using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Scheduling;

/// <summary>
/// The manager sets the calendar up (issue 13 §1): a therapist's weekly hours, a clinic closure, rooms and types, and
/// bookings follow at once; a closure over booked visits says how many need moving; nobody else may change it.
/// </summary>
public abstract class CalendarSetupTests(TactusApp app)
{
    [Fact]
    public async Task HoursAndClosures_SetOnThePage_DecideWhatCanBeBooked()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var manager = await app.AsAsync(Roles.Manager);
        var jonas = await app.UserIdAsync("therapist2@riverside.example");
        var referral = await SchedulingTestData.NewReferralAsync(app, "therapist2@riverside.example");
        var tuesday = data.Weekday(30, 10);
        while (tuesday.DayOfWeek != DayOfWeek.Tuesday)
        {
            tuesday = tuesday.AddDays(1);
        }

        // Jonas works Tuesdays 10:00–14:00 only.
        var hours = new Dictionary<string, string>
        {
            ["therapist"] = jonas.ToString(), ["starts[Tuesday]"] = "10:00", ["ends[Tuesday]"] = "14:00",
        };
        var saved = await manager.PostFormAsync($"/Scheduling/Setup?therapist={jonas}", hours, $"/Scheduling/Setup?handler=Hours&therapist={jonas}");
        var monday = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, tuesday.AddDays(-1), therapist: jonas)));
        var onTuesday = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, tuesday, therapist: jonas)));

        // The clinic closes that Tuesday after all: the booked visit is counted for moving, and no new one goes in.
        var day = DateOnly.FromDateTime(tuesday.DateTime).ToString("yyyy-MM-dd");
        var closed = await manager.PostFormAsync("/Scheduling/Setup", new Dictionary<string, string>
        {
            ["NewBlock.TherapistId"] = "", ["NewBlock.Kind"] = "Closure", ["NewBlock.FromDay"] = day, ["NewBlock.ToDay"] = day, ["NewBlock.Note"] = "Flooded basement",
        }, "/Scheduling/Setup?handler=Block");
        var setup = await manager.GetStringAsync(closed.Headers.Location!.OriginalString);
        var afterClosure = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, tuesday.AddHours(2), therapist: jonas)));
        var stored = await app.WithDbAsync(db => db.WorkingHours.Where(h => h.TherapistId == jonas).ToListAsync());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var only = Assert.Single(stored);
        Assert.Equal((DayOfWeek.Tuesday, new TimeOnly(10, 0), new TimeOnly(14, 0)), (only.Day, only.Starts, only.Ends));
        Assert.Equal(HttpStatusCode.Conflict, monday.StatusCode);
        Assert.Equal(HttpStatusCode.Created, onTuesday.StatusCode);
        Assert.Contains("1 booked visit falls in it", setup, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, afterClosure.StatusCode);
        Assert.Contains("Flooded basement", (await afterClosure.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidSetup_IsShownAndChangesNothing_AndOnlyTheManagerMaySetUp()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var jonas = await app.UserIdAsync("therapist2@riverside.example");
        var before = await app.WithDbAsync(db => db.WorkingHours.CountAsync(h => h.TherapistId == jonas));

        var backwards = await manager.PostFormAsync($"/Scheduling/Setup?therapist={jonas}", new Dictionary<string, string>
        {
            ["therapist"] = jonas.ToString(), ["starts[Monday]"] = "15:00", ["ends[Monday]"] = "09:00",
        }, $"/Scheduling/Setup?handler=Hours&therapist={jonas}");
        var noName = await manager.PostFormAsync("/Scheduling/Setup", new Dictionary<string, string> { ["NewType.Minutes"] = "45" }, "/Scheduling/Setup?handler=Type");
        var after = await app.WithDbAsync(db => db.WorkingHours.CountAsync(h => h.TherapistId == jonas));
        var therapist = await (await app.AsAsync(Roles.Therapist)).GetAsync("/Scheduling/Setup");
        var administrator = await (await app.AsAsync(Roles.Administrator)).GetAsync("/Scheduling/Setup");

        Assert.Equal(HttpStatusCode.OK, backwards.StatusCode);
        Assert.Contains("the end after the start", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, noName.StatusCode);
        Assert.Contains("Give the appointment type a name.", await noName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, after);
        Assert.StartsWith("/Account/AccessDenied", therapist.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", administrator.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class CalendarSetupSqliteTests(SqliteApp app) : CalendarSetupTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarSetupPostgreSqlTests(PostgreSqlApp app) : CalendarSetupTests(app), IClassFixture<PostgreSqlApp>;
