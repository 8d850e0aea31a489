using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

/// <summary>
/// The calendar (issue 13 §1): a therapist's or a room's day or week, in the organisation's time zone, as lists a
/// keyboard and a tablet both work well with; each visit links to the patient, the check-in (for its therapist, on the
/// day) and cancel or no-show.
/// </summary>
public sealed class IndexModel(TactusDbContext db, BookingWorkflow workflow, Waitlist waitlist, OrganizationClock clock, AccessScope scope, TimeProvider time)
    : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? Date { get; set; }

    /// <summary>"day" or "week".</summary>
    [BindProperty(SupportsGet = true)]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Therapist { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Room { get; set; }

    public bool IsWeek => View != "day";
    public DateOnly Today { get; private set; }
    public DateOnly First { get; private set; }
    public IReadOnlyList<DateOnly> Days { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Therapists { get; private set; } = [];
    public IReadOnlyList<Room> Rooms { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> TypeNames { get; private set; } = new Dictionary<Guid, string>();
    public IReadOnlyDictionary<Guid, string> PatientNames { get; private set; } = new Dictionary<Guid, string>();
    public ILookup<DateOnly, Appointment> ByDay { get; private set; } = Array.Empty<Appointment>().ToLookup(a => default(DateOnly));
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public string Heading => Room is { } room ? Rooms.FirstOrDefault(r => r.Id == room)?.Name ?? "Room"
        : Therapists.FirstOrDefault(t => t.Id == Therapist).Name ?? "Therapist";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (await workflow.CancelAsync(id, reason, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "The appointment was cancelled and its time is free again.";
        return RedirectToPage(new { Date, View, Therapist, Room });
    }

    /// <summary>Reschedules a visit to another local day and time, same therapist and room; a warning needs the reason.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, DateOnly? day, TimeOnly? at, string? overrideReason, CancellationToken cancellationToken)
    {
        if (day is null || at is null)
        {
            ModelState.AddModelError(string.Empty, "Give the new day and time.");
            await LoadAsync(cancellationToken);
            return Page();
        }

        var startsAt = SlotRules.At(day.Value, at.Value, await clock.ZoneAsync(cancellationToken));
        if (await workflow.MoveAsync(id, startsAt, null, null, string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = $"The visit is moved to {day:ddd d MMM} at {at:HH:mm}.";
        return RedirectToPage(new { Date = day, View, Therapist, Room });
    }

    public async Task<IActionResult> OnPostNoShowAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await workflow.NoShowAsync(id, null, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "Recorded as a no-show.";
        return RedirectToPage(new { Date, View, Therapist, Room });
    }

    /// <summary>For each cancelled visit still ahead, who on the wait-list its time suits (longest waiting first).</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<WaitlistEntry>> Offers { get; private set; } = new Dictionary<Guid, IReadOnlyList<WaitlistEntry>>();

    public async Task<IActionResult> OnPostOfferAsync(Guid entryId, Guid appointmentId, CancellationToken cancellationToken)
    {
        if (await waitlist.BookOfferAsync(entryId, appointmentId, null, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "The waiting patient is booked into the freed time and taken off the wait-list.";
        return RedirectToPage(new { Date, View, Therapist, Room });
    }

    /// <summary>When the signed-in therapist's calendar feed was made, if they have one that works.</summary>
    public DateTimeOffset? FeedSince { get; private set; }

    public bool IsTherapist => scope.Role == Roles.Therapist;

    /// <summary>A new private feed address for the signed-in therapist, shown once; any earlier address stops working.</summary>
    public async Task<IActionResult> OnPostFeedAsync(CancellationToken cancellationToken)
    {
        if (!IsTherapist || scope.UserId is not { } userId || scope.OrganizationId is not { } organizationId)
        {
            return Forbid();
        }

        var now = time.GetStorageNow();
        foreach (var old in await db.CalendarFeeds.Where(f => f.UserId == userId && f.RevokedAt == null).ToListAsync(cancellationToken))
        {
            old.Revoke(now);
        }

        var token = SecretTokens.New();
        db.CalendarFeeds.Add(new CalendarFeed { OrganizationId = organizationId, UserId = userId, TokenHash = SecretTokens.Hash(token), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        TempData["FeedUrl"] = $"{Request.Scheme}://{Request.Host}/calendar-feeds/{token}.ics";
        return RedirectToPage(new { Date, View, Therapist, Room });
    }

    public async Task<IActionResult> OnPostRevokeFeedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetStorageNow();
        foreach (var feed in await db.CalendarFeeds.Where(f => f.UserId == scope.UserId && f.RevokedAt == null).ToListAsync(cancellationToken))
        {
            feed.Revoke(now);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = "Your calendar feed is revoked: calendar apps that used it get nothing more.";
        return RedirectToPage(new { Date, View, Therapist, Room });
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return true;
    }

    public string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The check-in is the therapist's own, on the visit's day (the check-in page refuses anyone else).</summary>
    public bool CanCheckIn(Appointment appointment) =>
        appointment.Status == AppointmentStatus.Booked && appointment.TherapistId == scope.UserId && Day(appointment.StartsAt) == Today;

    public bool CanMarkNoShow(Appointment appointment) => appointment.Status == AppointmentStatus.Booked && appointment.StartsAt <= time.GetUtcNow();

    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Zone = await clock.ZoneAsync(cancellationToken);
        Today = Day(time.GetUtcNow());
        var date = Date ?? Today;
        First = IsWeek ? date.AddDays(-(((int)date.DayOfWeek + 6) % 7)) : date; // weeks start on Monday
        Days = [.. Enumerable.Range(0, IsWeek ? 7 : 1).Select(First.AddDays)];
        Therapists = await ScheduleQueries.TherapistsAsync(db, cancellationToken);
        Rooms = await db.Rooms.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        TypeNames = await db.AppointmentTypes.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        if (Room is null && (Therapist is null || Therapists.All(t => t.Id != Therapist)))
        {
            Therapist = Therapists.Any(t => t.Id == scope.UserId) ? scope.UserId : Therapists.FirstOrDefault().Id;
        }

        var (from, until) = (SlotRules.At(Days[0], TimeOnly.MinValue, Zone), SlotRules.At(Days[^1].AddDays(1), TimeOnly.MinValue, Zone));
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.StartsAt >= from && a.StartsAt < until && (Room == null ? a.TherapistId == Therapist : a.RoomId == Room))
            .OrderBy(a => a.StartsAt).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        var offers = new Dictionary<Guid, IReadOnlyList<WaitlistEntry>>();
        foreach (var freed in appointments.Where(a => a.Status is AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled && a.StartsAt > now).Take(20))
        {
            if (await waitlist.OffersAsync(freed, cancellationToken) is { Count: > 0 } suited)
            {
                offers[freed.Id] = suited;
            }
        }

        Offers = offers;
        var patientIds = appointments.Select(a => a.PatientId).Concat(offers.Values.SelectMany(o => o).Select(o => o.PatientId)).Distinct().ToList();
        PatientNames = (await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id)).ToListAsync(cancellationToken))
            .ToDictionary(p => p.Id, p => p.FullName);
        ByDay = appointments.ToLookup(a => Day(a.StartsAt));
        FeedSince = IsTherapist
            ? (await db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == scope.UserId && f.RevokedAt == null).OrderByDescending(f => f.CreatedAt).FirstOrDefaultAsync(cancellationToken))?.CreatedAt
            : null;
    }
}
