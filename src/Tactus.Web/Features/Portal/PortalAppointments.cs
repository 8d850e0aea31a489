using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Scheduling;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Portal;

/// <summary>
/// A patient's own appointments in the portal (issue 13 §4): confirm, cancel while the clinic's notice allows it
/// (BookingWorkflow.CancellationNotice; later than that the patient calls, and the clinic records a late cancellation),
/// ask for a new time (a wait-list entry the clinic sees in its inbox), and take a visit into their own calendar. The
/// query filters let a patient reach only their own appointments; another's answers "not found".
/// </summary>
public sealed class PortalAppointments(TactusDbContext db, AccessScope scope, BookingWorkflow booking, Waitlist waitlist, OrganizationClock clock,
    TimeProvider time)
{
    public sealed record Upcoming(Appointment Appointment, string TypeName, string? RoomName, string TherapistName, bool CanCancelOnline);

    /// <summary>How far ahead a patient asking for a new time is offered times.</summary>
    public const int NewTimeWindowDays = 30;

    public async Task<IReadOnlyList<Upcoming>> UpcomingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var booked = AppointmentStatus.Booked;
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.Status == booked && a.EndsAt >= now)
            .OrderBy(a => a.StartsAt).Take(20).ToListAsync(cancellationToken);
        var typeIds = appointments.Select(a => a.AppointmentTypeId).Distinct().ToList();
        var roomIds = appointments.Where(a => a.RoomId != null).Select(a => a.RoomId!.Value).Distinct().ToList();
        var therapistIds = appointments.Select(a => a.TherapistId).Distinct().ToList();
        var types = await db.AppointmentTypes.Where(t => typeIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var rooms = await db.Rooms.Where(r => roomIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);
        var therapists = await db.Users.Where(u => therapistIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return appointments.Select(a => new Upcoming(a, types.GetValueOrDefault(a.AppointmentTypeId, "Appointment"),
            a.RoomId is { } room ? rooms.GetValueOrDefault(room) : null, therapists.GetValueOrDefault(a.TherapistId, "your therapist"),
            a.StartsAt - now >= BookingWorkflow.CancellationNotice)).ToList();
    }

    public async Task ConfirmAsync(Guid id, CancellationToken cancellationToken)
    {
        var appointment = await AheadAsync(id, cancellationToken);
        appointment.Confirm(time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task CancelAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        var appointment = await AheadAsync(id, cancellationToken);
        if (appointment.StartsAt - time.GetUtcNow() < BookingWorkflow.CancellationNotice)
        {
            throw new DomainRuleException("call-to-cancel",
                $"Less than {BookingWorkflow.CancellationNotice.TotalHours:0} hours before the visit, please call the clinic to cancel.");
        }

        var why = string.IsNullOrWhiteSpace(reason) ? "no reason given" : reason.Trim();
        await booking.CancelAsync(id, $"Cancelled by the patient in the portal: {why}", cancellationToken);
    }

    /// <summary>The patient keeps the visit until the clinic offers another time; the request waits on the wait-list.</summary>
    public async Task RequestNewTimeAsync(Guid id, string? note, CancellationToken cancellationToken)
    {
        var appointment = await AheadAsync(id, cancellationToken);
        if (note?.Length > 400)
        {
            throw new DomainRuleException("note-too-long", "Keep the note to 400 characters.", StatusCodes.Status422UnprocessableEntity);
        }

        var today = clock.Date(time.GetUtcNow());
        await waitlist.AddAsync(new WaitlistInput
        {
            ReferralId = appointment.ReferralId, TherapistId = appointment.TherapistId, RegardingAppointmentId = appointment.Id, EarliestDay = today.AddDays(1), LatestDay = today.AddDays(NewTimeWindowDays),
            Note = $"Asked in the portal for a time instead of {clock.Format(appointment.StartsAt)}"
                + (string.IsNullOrWhiteSpace(note) ? "." : $": {note.Trim()}"),
        }, cancellationToken);
    }

    /// <summary>One visit as an iCalendar file (RFC 5545) for the patient's own calendar: the time, the kind of visit, the room.</summary>
    public async Task<string?> CalendarAsync(Guid id, string link, CancellationToken cancellationToken)
    {
        if (await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is not { } appointment)
        {
            return null;
        }

        var type = await db.AppointmentTypes.Where(t => t.Id == appointment.AppointmentTypeId).Select(t => t.Name).SingleAsync(cancellationToken);
        var room = appointment.RoomId is { } roomId ? await db.Rooms.Where(r => r.Id == roomId).Select(r => r.Name).SingleOrDefaultAsync(cancellationToken) : null;
        return AppointmentCalendar.Build("Appointment", [new AppointmentCalendar.Entry(appointment, type, room)], link);
    }

    private async Task<Appointment> AheadAsync(Guid id, CancellationToken cancellationToken)
    {
        _ = scope.PatientId ?? throw new DomainRuleException("forbidden", "Only a patient uses the portal.", StatusCodes.Status403Forbidden);
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new DomainRuleException("not-found", "There is no such appointment.", StatusCodes.Status404NotFound);
        if (appointment.Status != AppointmentStatus.Booked || appointment.StartsAt <= time.GetUtcNow())
        {
            throw new DomainRuleException("not-ahead", "That appointment is no longer ahead of you; call the clinic if something is wrong.");
        }

        return appointment;
    }
}
