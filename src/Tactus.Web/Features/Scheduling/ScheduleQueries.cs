using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Scheduling;

public static class ScheduleQueries
{
    /// <summary>The organisation's massage therapists by name: whose calendars there are.</summary>
    public static async Task<IReadOnlyList<(Guid Id, string Name)>> TherapistsAsync(TactusDbContext db, CancellationToken cancellationToken) =>
        [.. (await db.Practitioners.AsNoTracking().Where(p => p.Discipline == Practitioners.Disciplines.MassageTherapist)
            .Join(db.Users, p => p.UserId, u => u.Id, (p, u) => new { u.Id, u.DisplayName })
            .OrderBy(u => u.DisplayName).ToListAsync(cancellationToken)).Select(u => (u.Id, u.DisplayName))];
}
