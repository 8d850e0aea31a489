using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

/// <summary>A span of someone's time that is taken (an appointment with its buffer, leave, a closure).</summary>
public readonly record struct BusySpan(DateTimeOffset Starts, DateTimeOffset Ends, string What);

/// <summary>A visit of a series that could not be placed, and why (the clinic is closed, the therapist is away, the time is taken).</summary>
public sealed record SkippedVisit(DateOnly Day, string Reason);

/// <summary>
/// The arithmetic of the calendar, pure: five-minute granules, whether a visit falls inside a therapist's hours in the
/// organisation's time zone, what it collides with, and where the visits of a plan's series go.
/// </summary>
[PureEngine]
public static class SlotRules
{
    /// <summary>Appointments start on five-minute marks; the claim table holds one row per five minutes.</summary>
    public const int GranuleMinutes = 5;

    private const long TicksPerGranule = TimeSpan.TicksPerMinute * GranuleMinutes;

    public static bool IsOnGranule(DateTimeOffset instant) => instant.UtcTicks % TicksPerGranule == 0;

    /// <summary>The granules [starts, ends) covers: every one the visit or its buffer touches.</summary>
    public static IEnumerable<long> Granules(DateTimeOffset starts, DateTimeOffset ends)
    {
        var first = (starts.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerGranule;
        var last = (ends.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks + TicksPerGranule - 1) / TicksPerGranule;
        for (var granule = first; granule < last; granule++)
        {
            yield return granule;
        }
    }

    /// <summary>Whether the visit lies inside one of the therapist's working spans of that local weekday, start to end.</summary>
    public static bool WithinHours(IEnumerable<WorkingHours> hours, TimeZoneInfo zone, DateTimeOffset starts, DateTimeOffset ends)
    {
        var localStart = TimeZoneInfo.ConvertTime(starts, zone);
        var localEnd = TimeZoneInfo.ConvertTime(ends, zone);
        if (localStart.Date != localEnd.Date && localEnd.TimeOfDay != TimeSpan.Zero)
        {
            return false;
        }

        var from = TimeOnly.FromTimeSpan(localStart.TimeOfDay);
        var until = localEnd.TimeOfDay == TimeSpan.Zero && localEnd.Date > localStart.Date ? TimeOnly.MaxValue : TimeOnly.FromTimeSpan(localEnd.TimeOfDay);
        return hours.Any(h => h.Day == localStart.DayOfWeek && h.Starts <= from && until <= h.Ends);
    }

    /// <summary>The first span the interval [starts, ends) overlaps, if any.</summary>
    public static BusySpan? Collision(IEnumerable<BusySpan> busy, DateTimeOffset starts, DateTimeOffset ends) =>
        busy.Where(b => b.Starts < ends && starts < b.Ends).Select(b => (BusySpan?)b).FirstOrDefault();

    /// <summary>
    /// The days of a week a plan's visits fall on, spread out: twice a week is days 0 and 3, three times 0, 2 and 4 (a
    /// Monday start gives Monday–Thursday and Monday–Wednesday–Friday).
    /// </summary>
    public static IReadOnlyList<int> WeekOffsets(int perWeek) =>
        [.. Enumerable.Range(0, Math.Clamp(perWeek, 1, 7)).Select(k => k * 7 / Math.Clamp(perWeek, 1, 7))];

    /// <summary>
    /// Places a series: <paramref name="perWeek"/> visits a week for <paramref name="weeks"/> weeks at the first visit's local
    /// time, at most <paramref name="limit"/> of them. A visit whose day does not fit (outside the therapist's hours, a
    /// closure or leave, the time taken) moves to the next day that does, without reaching the next visit's day; one that
    /// finds none is skipped, with the reason of its own day.
    /// </summary>
    public static (IReadOnlyList<DateTimeOffset> Placed, IReadOnlyList<SkippedVisit> Skipped) Series(DateTimeOffset first, int minutes, int bufferMinutes,
        int perWeek, int weeks, int limit, TimeZoneInfo zone, IReadOnlyList<WorkingHours> hours, IReadOnlyList<BusySpan> busy)
    {
        var localFirst = TimeZoneInfo.ConvertTime(first, zone);
        var firstDay = DateOnly.FromDateTime(localFirst.DateTime);
        var time = TimeOnly.FromDateTime(localFirst.DateTime);
        var offsets = WeekOffsets(perWeek);
        var days = Enumerable.Range(0, Math.Max(weeks, 0)).SelectMany(w => offsets.Select(o => firstDay.AddDays(w * 7 + o))).Take(Math.Max(limit, 0)).ToList();
        var placed = new List<DateTimeOffset>();
        var skipped = new List<SkippedVisit>();
        var taken = busy.ToList();
        for (var i = 0; i < days.Count; i++)
        {
            var latest = i + 1 < days.Count ? days[i + 1].AddDays(-1) : days[i].AddDays(2);
            string? reason = null;
            DateTimeOffset? found = null;
            for (var day = days[i]; day <= latest && found is null; day = day.AddDays(1))
            {
                var starts = At(day, time, zone);
                var why = Obstacle(starts, minutes, bufferMinutes, zone, hours, taken);
                if (why is null)
                {
                    found = starts;
                }
                else
                {
                    reason ??= why;
                }
            }

            if (found is { } start)
            {
                placed.Add(start);
                taken.Add(new BusySpan(start, start.AddMinutes(minutes + bufferMinutes), "this series"));
            }
            else
            {
                skipped.Add(new SkippedVisit(days[i], reason ?? "no day fits"));
            }
        }

        return (placed, skipped);
    }

    /// <summary>Why a visit cannot start then, or null when it can.</summary>
    public static string? Obstacle(DateTimeOffset starts, int minutes, int bufferMinutes, TimeZoneInfo zone, IEnumerable<WorkingHours> hours, IEnumerable<BusySpan> busy)
    {
        var ends = starts.AddMinutes(minutes);
        if (!WithinHours(hours, zone, starts, ends))
        {
            return "outside the therapist's working hours";
        }

        return Collision(busy, starts, ends.AddMinutes(bufferMinutes)) is { } collision ? collision.What : null;
    }

    /// <summary>A local day and time in the zone as an instant (a time skipped by a clock change moves forward an hour).</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
