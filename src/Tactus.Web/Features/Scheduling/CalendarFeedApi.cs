using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

public static class CalendarFeedApi
{
    /// <summary>How far back and ahead a feed reaches: a month of history, three months of bookings.</summary>
    private static readonly TimeSpan Back = TimeSpan.FromDays(31);
    private static readonly TimeSpan Ahead = TimeSpan.FromDays(92);

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder app)
    {
        // Calendar apps cannot sign in: the token in the address is the credential.
        app.MapGet("/calendar-feeds/{token}.ics", FeedAsync).AllowAnonymous();
        return app;
    }

    /// <summary>
    /// The feed's owner is found by the token's hash in a system scope of its own (ids only); the appointments are then
    /// read as that therapist, with their scoping and audit, as the questionnaire link does for a patient.
    /// </summary>
    private static async Task<IResult> FeedAsync(string token, HttpRequest request, IServiceScopeFactory scopes, AccessScope scope, TactusDbContext db,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.Hash(token);
        (Guid OrganizationId, Guid UserId, string Name)? owner;
        await using (var lookup = scopes.CreateAsyncScope())
        {
            lookup.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("calendar-feed-lookup");
            var system = lookup.ServiceProvider.GetRequiredService<TactusDbContext>();
            var found = await system.CalendarFeeds.Where(f => f.TokenHash == hash && f.RevokedAt == null)
                .Join(system.Users, f => f.UserId, u => u.Id, (f, u) => new { f.OrganizationId, f.UserId, u.DisplayName })
                .SingleOrDefaultAsync(cancellationToken);
            owner = found is null ? null : (found.OrganizationId, found.UserId, found.DisplayName);
        }

        if (owner is not { } account)
        {
            return Results.NotFound();
        }

        scope.UseAccount(account.OrganizationId, account.UserId, account.Name, Roles.Therapist);
        var now = time.GetUtcNow();
        var (from, until) = (now - Back, now + Ahead);
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.TherapistId == account.UserId && a.StartsAt >= from && a.StartsAt < until
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn))
            .OrderBy(a => a.StartsAt).ToListAsync(cancellationToken);
        var types = await db.AppointmentTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var link = $"{request.Scheme}://{request.Host}/Scheduling";
        var ics = AppointmentCalendar.Build($"Tactus: {account.Name}",
            appointments.Select(a => new AppointmentCalendar.Entry(a, types.GetValueOrDefault(a.AppointmentTypeId, "Visit"), a.RoomId is { } room ? rooms.GetValueOrDefault(room) : null)),
            link);
        return Results.Text(ics, "text/calendar; charset=utf-8");
    }
}
