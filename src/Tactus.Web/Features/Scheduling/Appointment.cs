using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

/// <summary>
/// A booked visit (maps to FHIR Appointment: participants patient, practitioner and location; status booked, fulfilled,
/// cancelled, noshow). Stored in UTC; people read it in the organisation's time zone. The therapist's and the room's time
/// from <see cref="StartsAt"/> to <see cref="BlockedUntil"/> (the visit and its buffer) is claimed in
/// <see cref="AppointmentClaim"/>, whose unique key is what makes a double booking impossible.
/// </summary>
public sealed class Appointment : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid ReferralId { get; init; }
    public Guid TherapistId { get; private set; }
    public Guid? RoomId { get; private set; }
    public Guid AppointmentTypeId { get; init; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }

    /// <summary>The end of the buffer after the visit (notes, turning the room): neither therapist nor room is free before it.</summary>
    public DateTimeOffset BlockedUntil { get; private set; }

    public AppointmentStatus Status { get; private set; } = AppointmentStatus.Booked;

    /// <summary>The series booked together from the plan of care (frequency × weeks), if any.</summary>
    public Guid? SeriesId { get; init; }

    /// <summary>
    /// Why the booking went ahead past a warning (an authorisation's visits or dates, the payer's yearly limit, an unresolved
    /// finding, the plan's end): the warnings as they stood and the person's reason, kept with the visit and audited.
    /// </summary>
    public string? OverrideReason { get; private set; }
    public string? OverriddenWarnings { get; private set; }

    public string? CancelReason { get; private set; }
    public DateTimeOffset? CancelledAt { get; private set; }
    public Guid? CancelledById { get; private set; }

    /// <summary>The visit the check-in opened.</summary>
    public Guid? SessionId { get; private set; }

    /// <summary>When the patient confirmed (the reminder's link or the portal).</summary>
    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }
    public Guid CreatedById { get; init; }

    public bool Holds => Status is AppointmentStatus.Booked or AppointmentStatus.CheckedIn;

    public static Appointment Book(Guid organizationId, Guid patientId, Guid referralId, Guid therapistId, Guid? roomId, AppointmentType type,
        DateTimeOffset startsAt, Guid by, DateTimeOffset now, Guid? seriesId = null, string? overrideReason = null, string? overriddenWarnings = null)
    {
        var appointment = new Appointment
        {
            OrganizationId = organizationId, PatientId = patientId, ReferralId = referralId, AppointmentTypeId = type.Id,
            SeriesId = seriesId, CreatedAt = now, CreatedById = by,
        };
        if (overrideReason is not null && overriddenWarnings is not null)
        {
            appointment.RecordOverride(overrideReason, overriddenWarnings);
        }

        appointment.Place(therapistId, roomId, type, startsAt);
        return appointment;
    }

    /// <summary>Keeps why the booking (or a move) went past its warnings; a later override replaces an earlier one, which the audit keeps.</summary>
    public void RecordOverride(string reason, string warnings)
    {
        OverrideReason = reason;
        OverriddenWarnings = warnings;
    }

    /// <summary>Moves the visit (a reschedule), keeping its history in the audit trail.</summary>
    public void Place(Guid therapistId, Guid? roomId, AppointmentType type, DateTimeOffset startsAt)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new DomainRuleException("appointment-closed", $"This appointment is {Describe(Status)} and cannot be moved.");
        }

        TherapistId = therapistId;
        RoomId = roomId;
        StartsAt = startsAt.ToUniversalTime();
        EndsAt = StartsAt.AddMinutes(type.Minutes);
        BlockedUntil = EndsAt.AddMinutes(type.BufferMinutes);
    }

    /// <summary>
    /// Cancelled by the clinic or the patient; inside the organisation's notice period it is a late cancellation, which
    /// the clinic's policy may charge for. Either frees the time at once (the claims are removed with it).
    /// </summary>
    public void Cancel(string reason, bool late, Guid by, DateTimeOffset at)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new DomainRuleException("appointment-closed", $"This appointment is {Describe(Status)} and cannot be cancelled.");
        }

        CancelReason = Required(reason, "cancelling");
        Status = late ? AppointmentStatus.LateCancelled : AppointmentStatus.Cancelled;
        CancelledAt = at;
        CancelledById = by;
    }

    /// <summary>The patient did not come: recorded once the visit's start has passed.</summary>
    public void MarkNoShow(string? note, Guid by, DateTimeOffset at)
    {
        if (Status != AppointmentStatus.Booked)
        {
            throw new DomainRuleException("appointment-closed", $"This appointment is {Describe(Status)}; only a booked one can be a no-show.");
        }

        if (at < StartsAt)
        {
            throw new DomainRuleException("not-yet", "A no-show is recorded once the appointment's time has come.", StatusCodes.Status422UnprocessableEntity);
        }

        Status = AppointmentStatus.NoShow;
        CancelReason = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        CancelledAt = at;
        CancelledById = by;
    }

    public void CheckedIn(Guid sessionId)
    {
        Status = AppointmentStatus.CheckedIn;
        SessionId = sessionId;
    }

    public void Confirm(DateTimeOffset at) => ConfirmedAt ??= at;

    public static string Describe(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.CheckedIn => "checked in",
        AppointmentStatus.Cancelled => "cancelled",
        AppointmentStatus.LateCancelled => "cancelled late",
        _ => "a no-show",
    };

    private static string Required(string? reason, string action) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new DomainRuleException("reason-required", $"Give a reason for {action} the appointment.", StatusCodes.Status422UnprocessableEntity)
            : reason.Trim();
}

public enum AppointmentStatus
{
    Booked,
    CheckedIn,
    Cancelled,
    LateCancelled,
    NoShow,
}

/// <summary>
/// One five-minute granule of a therapist's or a room's time, held by an appointment. The primary key (resource, slot) is
/// the rule "no double booking": of two bookings that overlap, whichever commits second breaks the key, on SQLite and
/// PostgreSQL alike, however many requests race (a check-then-insert cannot promise that).
/// </summary>
public sealed class AppointmentClaim
{
    /// <summary>The therapist's user id or the room's id: both are version-7 GUIDs, so they never meet.</summary>
    public Guid ResourceId { get; init; }

    /// <summary>Minutes since the Unix epoch divided by <see cref="SlotRules.GranuleMinutes"/>.</summary>
    public long Slot { get; init; }

    public Guid AppointmentId { get; init; }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.OverrideReason).HasMaxLength(500);
        builder.Property(a => a.OverriddenWarnings).HasMaxLength(2000);
        builder.Property(a => a.CancelReason).HasMaxLength(500);
        builder.Ignore(a => a.Holds);

        // The calendar: a therapist's or a room's appointments in a range, and a patient's (the portal, the referral page).
        builder.HasIndex(a => new { a.OrganizationId, a.TherapistId, a.StartsAt });
        builder.HasIndex(a => new { a.OrganizationId, a.RoomId, a.StartsAt });
        builder.HasIndex(a => new { a.PatientId, a.StartsAt });
        builder.HasIndex(a => new { a.ReferralId, a.StartsAt });
        builder.HasIndex(a => a.SeriesId);
    }
}

internal sealed class AppointmentClaimConfiguration : IEntityTypeConfiguration<AppointmentClaim>
{
    public void Configure(EntityTypeBuilder<AppointmentClaim> builder)
    {
        builder.HasKey(c => new { c.ResourceId, c.Slot });
        builder.HasIndex(c => c.AppointmentId);
    }
}
