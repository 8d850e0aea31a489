using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

/// <summary>Changes to a booked visit: moving it, cancelling it, recording a no-show (the same hard rules and warnings as booking).</summary>
public sealed partial class BookingWorkflow
{
    /// <summary>Moves a booked visit to another time (and therapist or room): the old time is freed and the new one claimed in one transaction.</summary>
    public async Task<Appointment?> MoveAsync(Guid id, DateTimeOffset startsAt, Guid? therapistId, Guid? roomId, string? overrideReason, CancellationToken cancellationToken = default)
    {
        startsAt = startsAt.ToUniversalTime();
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return null;
        }

        var therapist = therapistId ?? appointment.TherapistId;
        var context = await ContextAsync(appointment.ReferralId, therapist, roomId ?? appointment.RoomId, appointment.AppointmentTypeId, startsAt, cancellationToken);
        var zone = await clock.ZoneAsync(cancellationToken);
        var busy = await BusyAsync(therapist, roomId ?? appointment.RoomId, appointment.PatientId, startsAt, startsAt.AddMinutes(context.Type.Minutes + context.Type.BufferMinutes), appointment.Id, cancellationToken);
        if (SlotRules.Obstacle(startsAt, context.Type.Minutes, context.Type.BufferMinutes, zone, context.Hours, busy) is { } obstacle)
        {
            throw new DomainRuleException("slot-unavailable", $"That time cannot be booked: {obstacle}.");
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsAt, zone).DateTime);
        var overridden = RequireOverride(await warnings.ForAsync(context.Referral, context.Therapist, [day], cancellationToken), overrideReason);
        if (overridden is not null)
        {
            appointment.RecordOverride(overrideReason!.Trim(), overridden);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AppointmentClaims.Where(c => c.AppointmentId == appointment.Id).ExecuteDeleteAsync(cancellationToken);
        appointment.Place(therapist, roomId ?? appointment.RoomId, context.Type, startsAt);
        await ResolveRequestsAsync(appointment.Id, moved: true, cancellationToken);
        await SaveAsync(context, [appointment], cancellationToken, added: false);
        await transaction.CommitAsync(cancellationToken);
        return appointment;
    }

    public async Task<Appointment?> CancelAsync(Guid id, string? reason, CancellationToken cancellationToken = default) =>
        await CloseAsync(id, (appointment, userId, now) =>
            appointment.Cancel(reason ?? "", appointment.StartsAt - now < CancellationNotice, userId, now), cancellationToken);

    public async Task<Appointment?> NoShowAsync(Guid id, string? note, CancellationToken cancellationToken = default) =>
        await CloseAsync(id, (appointment, userId, now) => appointment.MarkNoShow(note, userId, now), cancellationToken);

    private async Task<Appointment?> CloseAsync(Guid id, Action<Appointment, Guid, DateTimeOffset> close, CancellationToken cancellationToken)
    {
        var userId = Caller();
        var appointment = await db.Appointments.SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (appointment is null)
        {
            return null;
        }

        close(appointment, userId, time.GetStorageNow());
        await messages.WithdrawRemindersAsync([appointment.Id], time.GetStorageNow(), cancellationToken);
        await ResolveRequestsAsync(appointment.Id, moved: false, cancellationToken);
        await UnscheduleIfNothingBookedAsync(appointment, userId, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.AppointmentClaims.Where(c => c.AppointmentId == appointment.Id).ExecuteDeleteAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return appointment;
    }

    /// <summary>A patient's request to move the visit is answered once the visit is moved, and void once it is cancelled.</summary>
    private async Task ResolveRequestsAsync(Guid appointmentId, bool moved, CancellationToken cancellationToken)
    {
        var waiting = WaitlistStatus.Waiting;
        foreach (var request in await db.WaitlistEntries.Where(w => w.RegardingAppointmentId == appointmentId && w.Status == waiting).ToListAsync(cancellationToken))
        {
            if (moved)
            {
                request.Booked(appointmentId, time.GetStorageNow());
            }
            else
            {
                request.Remove(time.GetStorageNow());
            }
        }
    }

    /// <summary>
    /// The referral follows the schedule both ways (issue 13 §1): when its last booked visit is cancelled or missed
    /// before any visit took place, it is accepted again, waiting to be booked (and back in the therapist's inbox).
    /// </summary>
    private async Task UnscheduleIfNothingBookedAsync(Appointment closed, Guid userId, CancellationToken cancellationToken)
    {
        var (booked, checkedIn) = (AppointmentStatus.Booked, AppointmentStatus.CheckedIn);
        if (await db.Referrals.SingleOrDefaultAsync(r => r.Id == closed.ReferralId, cancellationToken) is { Status: Referrals.ReferralStatus.Scheduled } referral
            && !await db.Appointments.AnyAsync(a => a.ReferralId == referral.Id && a.Id != closed.Id && (a.Status == booked || a.Status == checkedIn), cancellationToken))
        {
            referral.Unschedule(userId, time.GetStorageNow());
        }
    }
}
