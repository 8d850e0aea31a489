using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

public sealed class WaitlistInput
{
    [Required(ErrorMessage = "Choose the referral.")]
    public Guid? ReferralId { get; set; }

    /// <summary>Empty: any therapist.</summary>
    public Guid? TherapistId { get; set; }

    [Required(ErrorMessage = "Give the first day the patient could come.")]
    public DateOnly? EarliestDay { get; set; }

    [Required(ErrorMessage = "Give the last day the patient could come.")]
    public DateOnly? LatestDay { get; set; }

    [StringLength(500, ErrorMessage = "The note can be at most {1} characters.")]
    public string? Note { get; set; }

    /// <summary>The booked visit a patient asked to move (the portal), if that is what the entry is.</summary>
    public Guid? RegardingAppointmentId { get; set; }
}

/// <summary>The wait-list: who waits for a time, which of them a freed time suits, and booking one of them into it.</summary>
public sealed class Waitlist(TactusDbContext db, AccessScope scope, BookingWorkflow booking, OrganizationClock clock, TimeProvider time)
{
    /// <summary>How far ahead one wait reaches.</summary>
    public const int MaxDays = 90;

    public async Task<WaitlistEntry> AddAsync(WaitlistInput input, CancellationToken cancellationToken = default)
    {
        var userId = scope.UserId ?? throw new DomainRuleException("forbidden", "Sign in as a member of an organisation.", StatusCodes.Status403Forbidden);
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == input.ReferralId, cancellationToken)
            ?? throw new DomainRuleException("unknown-referral", "There is no such referral in your list.", StatusCodes.Status422UnprocessableEntity);
        if (referral.Status is not (ReferralStatus.Accepted or ReferralStatus.Scheduled or ReferralStatus.InProgress))
        {
            throw new DomainRuleException("referral-not-open", $"A referral that is {Referral.Describe(referral.Status)} does not wait for a time.");
        }

        var today = clock.Date(time.GetUtcNow());
        var (earliest, latest) = (input.EarliestDay!.Value < today ? today : input.EarliestDay.Value, input.LatestDay!.Value);
        if (latest < earliest || latest.DayNumber - earliest.DayNumber > MaxDays)
        {
            throw new DomainRuleException("waitlist-days", $"The days run from today or later to a last day on or after the first, at most {MaxDays} days apart.",
                StatusCodes.Status422UnprocessableEntity);
        }

        if (await db.WaitlistEntries.AnyAsync(w => w.ReferralId == referral.Id && w.Status == WaitlistStatus.Waiting, cancellationToken))
        {
            throw new DomainRuleException("already-waiting", "This referral is already on the wait-list; remove that entry to change it.");
        }

        var entry = new WaitlistEntry
        {
            OrganizationId = referral.OrganizationId, PatientId = referral.PatientId, ReferralId = referral.Id, TherapistId = input.TherapistId,
            EarliestDay = earliest, LatestDay = latest, Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
            RegardingAppointmentId = input.RegardingAppointmentId,
            CreatedAt = time.GetStorageNow(), CreatedById = userId,
        };
        db.WaitlistEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>The waiting entries a freed time suits, longest waiting first (its own patient is not offered their own time back).</summary>
    public async Task<IReadOnlyList<WaitlistEntry>> OffersAsync(Appointment freed, CancellationToken cancellationToken = default)
    {
        if (freed.Status is not (AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled) || freed.StartsAt <= time.GetUtcNow())
        {
            return [];
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(freed.StartsAt, await clock.ZoneAsync(cancellationToken)).DateTime);
        return await db.WaitlistEntries.AsNoTracking()
            .Where(w => w.Status == WaitlistStatus.Waiting && w.LatestDay >= day && w.EarliestDay <= day
                && (w.TherapistId == null || w.TherapistId == freed.TherapistId) && w.PatientId != freed.PatientId)
            .OrderBy(w => w.CreatedAt).Take(5).ToListAsync(cancellationToken);
    }

    /// <summary>Books a waiting patient into a cancelled visit's time, same therapist, room and type, and takes them off the list, in one transaction.</summary>
    public async Task<Appointment?> BookOfferAsync(Guid entryId, Guid freedAppointmentId, string? overrideReason, CancellationToken cancellationToken = default)
    {
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(w => w.Id == entryId, cancellationToken);
        var freed = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == freedAppointmentId, cancellationToken);
        if (entry is null || freed is null)
        {
            return null;
        }

        if (entry.Status != WaitlistStatus.Waiting)
        {
            throw new DomainRuleException("waitlist-closed", "This patient is no longer on the wait-list.");
        }

        if (freed.Status is not (AppointmentStatus.Cancelled or AppointmentStatus.LateCancelled))
        {
            throw new DomainRuleException("not-freed", "Only a cancelled visit's time is offered from the wait-list.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appointment = await booking.BookAsync(new BookingRequest(entry.ReferralId, freed.TherapistId, freed.RoomId, freed.AppointmentTypeId, freed.StartsAt, overrideReason),
            cancellationToken);
        entry.Booked(appointment.Id, time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return appointment;
    }

    public async Task<WaitlistEntry?> RemoveAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var entry = await db.WaitlistEntries.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        entry.Remove(time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }
}
