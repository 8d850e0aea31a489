using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Organizations;

/// <summary>
/// Instants are stored in UTC; people read them in their organisation's time zone, on pages and in PDFs. One place
/// turns a stored instant into local time, with the zone named so a note signed at 18:05 is never read as 02:05.
/// </summary>
public sealed class OrganizationClock(TactusDbContext db)
{
    private TimeZoneInfo? _zone;

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken cancellationToken = default) =>
        _zone ??= Find(await db.Organizations.AsNoTracking().Select(o => o.TimeZone).FirstOrDefaultAsync(cancellationToken));

    /// <summary>The zone for views, loaded once per request (a view cannot await in every expression).</summary>
    public TimeZoneInfo Zone => _zone ??= Find(db.Organizations.AsNoTracking().Select(o => o.TimeZone).FirstOrDefault());

    public string Format(DateTimeOffset at) => Format(at, Zone);

    public string Format(DateTimeOffset? at) => at is { } value ? Format(value) : "";

    public DateOnly Date(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>"2026-12-03 10:05 Pacific Standard Time": local time and the zone's name for that moment.</summary>
    public static string Format(DateTimeOffset at, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(at, zone);
        var name = zone.IsDaylightSavingTime(local) ? zone.DaylightName : zone.StandardName;
        return $"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {name}";
    }

    public static TimeZoneInfo Find(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public static bool IsKnown(string? id) => id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
