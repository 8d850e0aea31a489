using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Scheduling;

/// <summary>The demo clinic's calendar as the scheduling tests use it: its types, rooms, therapist, and local days ahead.</summary>
public sealed record SchedulingTestData(Guid OrganizationId, Guid Therapist, Guid Treatment, Guid Room1, Guid Room2, TimeZoneInfo Zone, DateOnly Today)
{
    public static async Task<SchedulingTestData> LoadAsync(TactusApp app)
    {
        var therapist = await app.UserIdAsync(SignIn.DemoEmail(Roles.Therapist));
        return await app.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Slug == DemoClinic.Slug);
            var zone = OrganizationClock.Find(organization.TimeZone);
            var treatment = await db.AppointmentTypes.SingleAsync(t => t.OrganizationId == organization.Id && t.Name == "Treatment, 60 minutes");
            var rooms = await db.Rooms.Where(r => r.OrganizationId == organization.Id).OrderBy(r => r.Name).Select(r => r.Id).ToListAsync();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), zone).DateTime);
            return new SchedulingTestData(organization.Id, therapist, treatment.Id, rooms[0], rooms[1], zone, today);
        });
    }

    /// <summary>
    /// The local hour on the weekday so many weekdays ahead (weekends are not counted; 0 is today, or Monday at a
    /// weekend; below 0, weekdays back). Counting weekdays, not calendar days, keeps two different counts on two different days whatever
    /// day of the week the suite runs: "19 days ahead, moved to Monday" and "20 days ahead, moved to Monday" were the same
    /// Monday when the run fell on some weekdays, and two tests' visits then clashed.
    /// </summary>
    public DateTimeOffset Weekday(int weekdaysAhead, int hour, int minute = 0)
    {
        var day = Today;
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        // A negative count goes back that many weekdays (a time in the past).
        var step = Math.Sign(weekdaysAhead);
        for (var counted = 0; counted < Math.Abs(weekdaysAhead);)
        {
            day = day.AddDays(step);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                counted++;
            }
        }

        return TimeZoneInfo.ConvertTime(SlotRules.At(day, new TimeOnly(hour, minute), Zone), Zone);
    }

    public DateTimeOffset Saturday(int weeksAhead, int hour)
    {
        var day = Today.AddDays(7 * weeksAhead);
        while (day.DayOfWeek != DayOfWeek.Saturday)
        {
            day = day.AddDays(1);
        }

        return TimeZoneInfo.ConvertTime(SlotRules.At(day, new TimeOnly(hour, 0), Zone), Zone);
    }

    /// <summary>A new patient referred, accepted and assigned to the demo therapist (or another): no intake, coverage or plan, so no warnings.</summary>
    public static async Task<Guid> NewReferralAsync(TactusApp app, string therapistEmail = "therapist@riverside.example") =>
        (await app.ReferAndAssignAsync(therapistEmail, familyName: "Booking" + Guid.NewGuid().ToString("N")[..8])).ReferralId;

    public string Booking(Guid referralId, DateTimeOffset startsAt, Guid? room = null, string? overrideReason = null, Guid? therapist = null) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            referralId, therapistId = therapist ?? Therapist, roomId = room ?? Room1, appointmentTypeId = Treatment, startsAt, overrideReason,
        });
}
