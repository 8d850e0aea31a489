using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Scheduling;

/// <summary>
/// A therapist's private iCalendar feed (issue 13 §1): made on the calendar page, read by a calendar app without a
/// sign-in, carrying visit times and rooms but never a patient's name, and dead once revoked or replaced.
/// </summary>
public abstract partial class CalendarFeedTests(TactusApp app)
{
    [Fact]
    public async Task TheFeed_ListsTheTherapistsVisits_WithoutNames_AndStopsWhenRevoked()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Feedname" + Guid.NewGuid().ToString("N")[..6]);
        var startsAt = data.Weekday(12, 14);
        var booked = await (await loop.Manager.PostAsync("/api/appointments", Json.Body(data.Booking(loop.ReferralId, startsAt)))).ReadAsync<AppointmentDto>();
        var therapist = await app.AsAsync(Roles.Therapist);

        var made = await therapist.PostFormAsync("/Scheduling", new Dictionary<string, string>(), "/Scheduling?handler=Feed");
        var page = await therapist.GetStringAsync("/Scheduling");
        var url = FeedUrl().Match(page).Value;
        var anonymous = app.CreateBrowserlessClient();
        var feed = await anonymous.GetAsync(new Uri(url).PathAndQuery);
        var ics = await feed.Content.ReadAsStringAsync();
        var calendar = Ical.Net.Calendar.Load(ics)!;
        var expected = await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.TherapistId == data.Therapist
            && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn)));
        var patientNames = (await app.WithDbAsync(db => db.Patients.Where(p => db.Appointments.Any(a => a.PatientId == p.Id && a.TherapistId == data.Therapist))
            .ToListAsync())).Select(p => p.FamilyName).ToList();

        Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var visit = Assert.Single(calendar.Events, e => e.Uid == $"{booked!.Id}@tactus");
        Assert.Equal(startsAt.UtcDateTime, visit.Start!.AsUtc);
        Assert.InRange(calendar.Events.Count, 1, expected);
        Assert.All(patientNames, name => Assert.DoesNotContain(name, ics, StringComparison.OrdinalIgnoreCase));

        await therapist.PostFormAsync("/Scheduling", new Dictionary<string, string>(), "/Scheduling?handler=RevokeFeed");
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/calendar-feeds/not-a-token.ics")).StatusCode);
    }

    [GeneratedRegex(@"https?://[^<\s]+/calendar-feeds/[A-Za-z0-9_-]+\.ics")]
    private static partial Regex FeedUrl();
}

public sealed class CalendarFeedSqliteTests(SqliteApp app) : CalendarFeedTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarFeedPostgreSqlTests(PostgreSqlApp app) : CalendarFeedTests(app), IClassFixture<PostgreSqlApp>;
