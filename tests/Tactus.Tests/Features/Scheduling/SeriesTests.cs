using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Scheduling;

/// <summary>
/// A recurring series from the plan of care (issue 13 §1): the plan's visits a week for its weeks at the first visit's
/// time, around a closure, no more than the plan has left; a second series finds the plan fully booked.
/// </summary>
public abstract class SeriesTests(TactusApp app)
{
    [Fact]
    public async Task ASeries_BooksThePlansVisits_MovesAroundAClosure_AndStopsAtThePlan()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Series" + Guid.NewGuid().ToString("N")[..6]);
        Assert.True((await loop.RecordIntakeAsync("{}")).IsSuccessStatusCode);
        var plan = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Json.Body("""
            {"goals":[{"description":"Pain at rest","instrument":"NPRS","target":"≤ 4"}],
             "sessionsPerWeek":2,"weeks":3,"techniques":["swedish"],"measures":[{"instrument":"NPRS","atBaseline":true,"everyVisits":1,"atDischarge":true}],
             "reportEveryVisits":0,"reportEveryDays":0}
            """))).ReadJsonAsync();
        var planId = plan.GetProperty("id").GetGuid();
        Assert.True((await loop.Therapist.PostAsync($"/api/plans/{planId}/sign", null)).IsSuccessStatusCode);

        // The first visit on a Monday two weeks ahead; the clinic is closed on the second Thursday.
        var monday = data.Weekday(14, 10);
        while (monday.DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(1);
        }

        var closedThursday = SlotRules.At(DateOnly.FromDateTime(monday.DateTime).AddDays(10), TimeOnly.MinValue, data.Zone);
        await app.WithDbAsync(async db =>
        {
            db.ScheduleBlocks.Add(new ScheduleBlock
            {
                OrganizationId = data.OrganizationId, Kind = ScheduleBlockKind.Closure, Starts = closedThursday, Ends = closedThursday.AddDays(1), Note = "Staff training day",
            });
            return await db.SaveChangesAsync();
        });

        var response = await loop.Manager.PostAsync("/api/appointments/series", Json.Body(data.Booking(loop.ReferralId, monday)));
        var series = await response.ReadAsync<SeriesDto>();
        var again = await loop.Manager.PostAsync("/api/appointments/series", Json.Body(data.Booking(loop.ReferralId, monday.AddDays(28))));
        var days = series!.Booked.Select(a => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(a.StartsAt, data.Zone).DateTime)).ToList();
        var first = DateOnly.FromDateTime(monday.DateTime);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal([first, first.AddDays(3), first.AddDays(7), first.AddDays(11), first.AddDays(14), first.AddDays(17)], days);
        Assert.All(series.Booked, a => Assert.Equal(new TimeOnly(10, 0), TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(a.StartsAt, data.Zone).DateTime)));
        Assert.Empty(series.Skipped);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("plan-fully-booked", (await again.ReadJsonAsync()).GetProperty("code").GetString());
        Assert.Equal(6, await app.WithDbAsync(db => db.Appointments.CountAsync(a => a.SeriesId == series.SeriesId)));
    }
}

public sealed class SeriesSqliteTests(SqliteApp app) : SeriesTests(app), IClassFixture<SqliteApp>;

public sealed class SeriesPostgreSqlTests(PostgreSqlApp app) : SeriesTests(app), IClassFixture<PostgreSqlApp>;
