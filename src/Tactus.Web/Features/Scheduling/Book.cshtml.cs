using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

/// <summary>
/// Booking a referral's visit, or the plan's series, from the referral's page (issue 13 §1). The date and time are the
/// organisation's local time. A warning the booking would go past is shown with a field for the reason; the hard
/// refusals (hours, leave, closures, a time taken) say why.
/// </summary>
public sealed class BookModel(TactusDbContext db, BookingWorkflow workflow, Waitlist waitlist, OrganizationClock clock, AccessScope scope) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid ReferralId { get; set; }

    [BindProperty]
    public Guid? TherapistId { get; set; }

    [BindProperty]
    public Guid? RoomId { get; set; }

    [BindProperty]
    public Guid? AppointmentTypeId { get; set; }

    [BindProperty]
    public DateOnly? Day { get; set; }

    [BindProperty]
    public TimeOnly? Time { get; set; }

    /// <summary>Book the plan of care's series from this first visit.</summary>
    [BindProperty]
    public bool Series { get; set; }

    [BindProperty]
    public string? OverrideReason { get; set; }

    public string PatientName { get; private set; } = "";
    public Guid PatientId { get; private set; }
    public IReadOnlyList<(Guid Id, string Name)> Therapists { get; private set; } = [];
    public IReadOnlyList<Room> Rooms { get; private set; } = [];
    public IReadOnlyList<AppointmentType> Types { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // A referral's first visit is the assessment; after it, the usual hour of treatment.
        var firstVisit = !await db.TreatmentSessions.AnyAsync(s => s.ReferralId == ReferralId, cancellationToken)
            && !await db.Appointments.AnyAsync(a => a.ReferralId == ReferralId && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.LateCancelled, cancellationToken);
        AppointmentTypeId ??= (firstVisit ? Types.FirstOrDefault(t => t.Initial) : null)?.Id
            ?? Types.Where(t => !t.Initial).OrderBy(t => Math.Abs(t.Minutes - 60)).FirstOrDefault()?.Id;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (TherapistId is null || AppointmentTypeId is null || Day is null || Time is null)
        {
            ModelState.AddModelError(string.Empty, "Choose the therapist, the appointment type, the day and the time.");
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        var startsAt = SlotRules.At(Day.Value, Time.Value, await clock.ZoneAsync(cancellationToken));
        var reason = string.IsNullOrWhiteSpace(OverrideReason) ? null : OverrideReason;
        if (Series)
        {
            var series = await workflow.BookSeriesAsync(new SeriesRequest(ReferralId, TherapistId.Value, RoomId, AppointmentTypeId.Value, startsAt, null, reason), cancellationToken);
            TempData["Flash"] = $"{series.Booked.Count} visits booked."
                + (series.Skipped.Count > 0 ? " Not booked: " + string.Join("; ", series.Skipped.Select(s => $"{s.Day:ddd d MMM} ({s.Reason})")) + "." : "");
        }
        else
        {
            await workflow.BookAsync(new BookingRequest(ReferralId, TherapistId.Value, RoomId, AppointmentTypeId.Value, startsAt, reason), cancellationToken);
            TempData["Flash"] = "The visit is booked.";
        }

        return RedirectToPage("Index", new { date = Day.Value.ToString("yyyy-MM-dd"), therapist = TherapistId, view = "week" });
    }

    /// <summary>No suitable time now: the patient waits for one between two days, with this therapist or any.</summary>
    public async Task<IActionResult> OnPostWaitlistAsync(DateOnly? earliestDay, DateOnly? latestDay, bool anyTherapist, string? note, CancellationToken cancellationToken)
    {
        if (earliestDay is null || latestDay is null)
        {
            ModelState.AddModelError(string.Empty, "Give the first and the last day the patient could come.");
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        await waitlist.AddAsync(new WaitlistInput
        {
            ReferralId = ReferralId, TherapistId = anyTherapist ? null : TherapistId, EarliestDay = earliestDay, LatestDay = latestDay, Note = note,
        }, cancellationToken);
        TempData["Flash"] = "The patient is on the wait-list; a cancelled visit that suits will be offered on the calendar.";
        return RedirectToPage("/Referrals/Details", new { id = ReferralId });
    }

    public Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ReferralId, cancellationToken);
        if (referral is null)
        {
            return false;
        }

        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == referral.PatientId, cancellationToken);
        (PatientName, PatientId) = (patient.FullName, patient.Id);
        Therapists = [.. (await ScheduleQueries.TherapistsAsync(db, cancellationToken))
            .Where(t => scope.Role != Roles.Therapist || t.Id == scope.UserId)]; // a therapist books their own calendar
        TherapistId ??= referral.AssignedTherapistId ?? scope.UserId;
        Rooms = await db.Rooms.AsNoTracking().Where(r => r.Active).OrderBy(r => r.Name).ToListAsync(cancellationToken);
        Types = await db.AppointmentTypes.AsNoTracking().Where(t => t.Active).OrderBy(t => t.Minutes).ThenBy(t => t.Name).ToListAsync(cancellationToken);
        return true;
    }
}
