using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Scheduling;

/// <summary>
/// The wait-list (issue 13 §1): a cancelled visit's time is offered to the patients it suits, longest waiting first, and
/// booking one takes them off the list in the same transaction.
/// </summary>
public abstract class WaitlistTests(TactusApp app)
{
    [Fact]
    public async Task AFreedTime_IsOfferedToWhoWaits_AndBookingTheOfferEndsTheWait()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var manager = await app.AsAsync(Roles.Manager);
        var booked = await SchedulingTestData.NewReferralAsync(app);
        var waiting = await SchedulingTestData.NewReferralAsync(app);
        var elsewhere = await SchedulingTestData.NewReferralAsync(app);
        var startsAt = data.Weekday(35, 11);
        var day = DateOnly.FromDateTime(startsAt.DateTime);
        var first = await (await manager.PostAsync("/api/appointments", Json.Body(data.Booking(booked, startsAt)))).ReadAsync<AppointmentDto>();
        var entry = await (await manager.PostAsync("/api/waitlist", Json.Body($$"""
            {"referralId":"{{waiting}}","earliestDay":"{{day.AddDays(-3):yyyy-MM-dd}}","latestDay":"{{day.AddDays(3):yyyy-MM-dd}}","note":"Mornings suit"}
            """))).ReadAsync<WaitlistDto>();
        var tooLate = await manager.PostAsync("/api/waitlist", Json.Body($$"""
            {"referralId":"{{elsewhere}}","earliestDay":"{{day.AddDays(5):yyyy-MM-dd}}","latestDay":"{{day.AddDays(9):yyyy-MM-dd}}"}
            """));

        var beforeCancelling = await (await manager.GetAsync($"/api/appointments/{first!.Id}/offers")).ReadAsync<List<WaitlistDto>>();
        Assert.True((await manager.PostAsync($"/api/appointments/{first.Id}/cancel", Json.Body("""{"reason":"Moving house"}"""))).IsSuccessStatusCode);
        var offers = await (await manager.GetAsync($"/api/appointments/{first.Id}/offers")).ReadAsync<List<WaitlistDto>>();
        var calendar = await manager.GetStringAsync($"/Scheduling?date={day:yyyy-MM-dd}&therapist={data.Therapist}");
        var taken = await manager.PostAsync($"/api/waitlist/{entry!.Id}/book", Json.Body($$"""{"appointmentId":"{{first.Id}}"}"""));
        var again = await manager.PostAsync($"/api/waitlist/{entry.Id}/book", Json.Body($$"""{"appointmentId":"{{first.Id}}"}"""));
        var stored = await app.WithDbAsync(db => db.WaitlistEntries.AsNoTracking().SingleAsync(w => w.Id == entry.Id));
        var newVisit = await taken.ReadAsync<AppointmentDto>();

        Assert.Equal(HttpStatusCode.Created, tooLate.StatusCode);
        Assert.Equal([entry.Id], offers!.Select(o => o.Id));
        Assert.Contains("data-testid=\"waitlist-offers\"", calendar, StringComparison.Ordinal);
        Assert.Contains($"entryId={entry.Id}", calendar, StringComparison.Ordinal);
        Assert.Equal((waiting, startsAt), (newVisit!.ReferralId, newVisit.StartsAt));
        Assert.Equal((WaitlistStatus.Booked, newVisit.Id), (stored.Status, stored.AppointmentId));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PostAsync("/api/waitlist", Json.Body($$"""
            {"referralId":"{{elsewhere}}","earliestDay":"{{day:yyyy-MM-dd}}","latestDay":"{{day.AddDays(1):yyyy-MM-dd}}"}
            """))).StatusCode); // already waiting
        Assert.Empty(beforeCancelling!); // a time still booked is offered to nobody
    }

    [Fact]
    public async Task AWaitThatCannotBe_IsRefused_AndStoresNothing()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var manager = await app.AsAsync(Roles.Manager);
        var referral = await SchedulingTestData.NewReferralAsync(app);
        var day = data.Today.AddDays(10);
        var before = await app.WithDbAsync(db => db.WaitlistEntries.CountAsync());

        var backwards = await manager.PostAsync("/api/waitlist", Json.Body($$"""{"referralId":"{{referral}}","earliestDay":"{{day:yyyy-MM-dd}}","latestDay":"{{day.AddDays(-2):yyyy-MM-dd}}"}"""));
        var tooLong = await manager.PostAsync("/api/waitlist", Json.Body($$"""{"referralId":"{{referral}}","earliestDay":"{{day:yyyy-MM-dd}}","latestDay":"{{day.AddDays(200):yyyy-MM-dd}}"}"""));
        var noDays = await manager.PostAsync("/api/waitlist", Json.Body($$"""{"referralId":"{{referral}}"}"""));
        var unknown = await manager.PostAsync("/api/waitlist", Json.Body($$"""{"referralId":"{{Guid.NewGuid()}}","earliestDay":"{{day:yyyy-MM-dd}}","latestDay":"{{day:yyyy-MM-dd}}"}"""));
        var biller = await (await app.AsAsync(Roles.Biller)).PostAsync("/api/waitlist", Json.Body($$"""{"referralId":"{{referral}}","earliestDay":"{{day:yyyy-MM-dd}}","latestDay":"{{day:yyyy-MM-dd}}"}"""));
        var after = await app.WithDbAsync(db => db.WaitlistEntries.CountAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noDays.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, biller.StatusCode);
        Assert.Equal(before, after);
    }
}

public sealed class WaitlistSqliteTests(SqliteApp app) : WaitlistTests(app), IClassFixture<SqliteApp>;

public sealed class WaitlistPostgreSqlTests(PostgreSqlApp app) : WaitlistTests(app), IClassFixture<PostgreSqlApp>;
