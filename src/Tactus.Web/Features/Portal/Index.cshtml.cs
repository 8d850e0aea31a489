using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Portal;

/// <summary>
/// The patient's portal, phone first (issue 13 §4): their appointments ahead, with confirm, cancel, ask for a new time
/// and add to calendar, then what the care team holds about them. The query filter lets a patient see only themself.
/// </summary>
public sealed class IndexModel(TactusDbContext db, AccessScope scope, PortalAppointments appointments, TimeProvider time) : PageModel, IRedisplayablePage
{
    public PatientSummary Summary { get; private set; } = null!;

    public IReadOnlyList<PortalAppointments.Upcoming> Upcoming { get; private set; } = [];

    /// <summary>Questionnaires sent to the patient and not yet answered, to answer here as well as by the link.</summary>
    public IReadOnlyList<Questionnaires.MeasureInvitation> Due { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostConfirmAsync(Guid id, CancellationToken cancellationToken) =>
        ActAsync(() => appointments.ConfirmAsync(id, cancellationToken), "Thank you: your appointment is confirmed.");

    public Task<IActionResult> OnPostCancelAsync(Guid id, string? reason, CancellationToken cancellationToken) =>
        ActAsync(() => appointments.CancelAsync(id, reason, cancellationToken), "Your appointment is cancelled. The clinic has been told.");

    public Task<IActionResult> OnPostNewTimeAsync(Guid id, string? note, CancellationToken cancellationToken) =>
        ActAsync(() => appointments.RequestNewTimeAsync(id, note, cancellationToken),
            "The clinic has your request and will offer you another time; your appointment stays booked until then.");

    /// <summary>The patient's own record as a PDF to keep.</summary>
    public async Task<IActionResult> OnGetRecordAsync([FromServices] Organizations.OrganizationName organization, CancellationToken cancellationToken)
    {
        if (scope.PatientId is not { } patientId || await PatientRecordPdf.LoadAsync(db, patientId, cancellationToken) is not { } record)
        {
            return NotFound();
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return File(PatientRecordPdf.Render(record, await organization.CurrentAsync(cancellationToken), today), "application/pdf", $"my-record-{today:yyyy-MM-dd}.pdf");
    }

    /// <summary>One appointment as a calendar file for the patient's phone (.ics).</summary>
    public async Task<IActionResult> OnGetCalendarAsync(Guid id, CancellationToken cancellationToken) =>
        await appointments.CalendarAsync(id, $"{Request.Scheme}://{Request.Host}/Portal", cancellationToken) is { } ics
            ? File(System.Text.Encoding.UTF8.GetBytes(ics), "text/calendar", "appointment.ics")
            : NotFound();

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        if (scope.PatientId is not { } patientId || await db.Patients.FindWithDetailsAsync(patientId, cancellationToken) is not { } patient)
        {
            return false;
        }

        Summary = await PatientSummary.BuildAsync(db, patient, time, cancellationToken);
        Upcoming = await appointments.UpcomingAsync(cancellationToken);
        var now = time.GetUtcNow();
        Due = await db.MeasureInvitations.AsNoTracking().Where(i => i.PatientId == patientId && i.UsedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.ExpiresAt).Take(10).ToListAsync(cancellationToken);
        return true;
    }

    private async Task<IActionResult> ActAsync(Func<Task> work, string done)
    {
        try
        {
            await work();
        }
        catch (DomainRuleException missing) when (missing.StatusCode == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        TempData["Flash"] = done;
        return RedirectToPage();
    }
}
