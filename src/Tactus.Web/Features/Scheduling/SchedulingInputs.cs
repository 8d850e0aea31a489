using System.ComponentModel.DataAnnotations;

namespace Tactus.Web.Features.Scheduling;

public sealed record BookingRequest(Guid ReferralId, Guid TherapistId, Guid? RoomId, Guid AppointmentTypeId, DateTimeOffset StartsAt, string? OverrideReason);
public sealed record SeriesRequest(Guid ReferralId, Guid TherapistId, Guid? RoomId, Guid AppointmentTypeId, DateTimeOffset FirstStartsAt, int? Visits, string? OverrideReason);
public sealed record SeriesOutcome(Guid SeriesId, IReadOnlyList<Appointment> Booked, IReadOnlyList<SkippedVisit> Skipped);

/// <summary>A booking as the calendar's form and the API send it.</summary>
public sealed class BookingInput
{
    [Required(ErrorMessage = "Choose the referral the visit is for.")]
    public Guid? ReferralId { get; set; }

    [Required(ErrorMessage = "Choose the therapist.")]
    public Guid? TherapistId { get; set; }

    public Guid? RoomId { get; set; }

    [Required(ErrorMessage = "Choose the appointment type.")]
    public Guid? AppointmentTypeId { get; set; }

    [Required(ErrorMessage = "Give the start, with its offset (e.g. 2026-12-08T09:00:00-08:00).")]
    public DateTimeOffset? StartsAt { get; set; }

    /// <summary>A series from the plan of care: this many visits (at most what the plan has left), or every one left when empty.</summary>
    [Range(1, 100, ErrorMessage = "A series has between {1} and {2} visits.")]
    public int? Visits { get; set; }

    [StringLength(500, ErrorMessage = "The reason can be at most {1} characters.")]
    public string? OverrideReason { get; set; }

    public BookingRequest ToRequest() => new(ReferralId!.Value, TherapistId!.Value, RoomId, AppointmentTypeId!.Value, StartsAt!.Value, OverrideReason);

    public SeriesRequest ToSeries() => new(ReferralId!.Value, TherapistId!.Value, RoomId, AppointmentTypeId!.Value, StartsAt!.Value, Visits, OverrideReason);
}

public sealed class MoveInput
{
    [Required(ErrorMessage = "Give the new start, with its offset.")]
    public DateTimeOffset? StartsAt { get; set; }

    public Guid? TherapistId { get; set; }
    public Guid? RoomId { get; set; }

    [StringLength(500, ErrorMessage = "The reason can be at most {1} characters.")]
    public string? OverrideReason { get; set; }
}

/// <summary>Why an appointment is cancelled, or a note on a no-show.</summary>
public sealed class AppointmentReason
{
    [StringLength(500, ErrorMessage = "The reason can be at most {1} characters.")]
    public string? Reason { get; set; }
}

public sealed record AppointmentDto(Guid Id, Guid PatientId, Guid ReferralId, Guid TherapistId, Guid? RoomId, Guid AppointmentTypeId,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Status, Guid? SeriesId, string? OverrideReason, string? CancelReason, Guid? SessionId)
{
    public static AppointmentDto From(Appointment a) => new(a.Id, a.PatientId, a.ReferralId, a.TherapistId, a.RoomId, a.AppointmentTypeId,
        a.StartsAt, a.EndsAt, a.Status.ToString(), a.SeriesId, a.OverrideReason, a.CancelReason, a.SessionId);
}

public sealed record SeriesDto(Guid SeriesId, IReadOnlyList<AppointmentDto> Booked, IReadOnlyList<SkippedVisit> Skipped);

/// <summary>A cancelled visit's time offered to a waiting patient.</summary>
public sealed class WaitlistOffer
{
    [Required(ErrorMessage = "Name the cancelled appointment whose time is offered.")]
    public Guid? AppointmentId { get; set; }

    [StringLength(500, ErrorMessage = "The reason can be at most {1} characters.")]
    public string? OverrideReason { get; set; }
}

public sealed record WaitlistDto(Guid Id, Guid PatientId, Guid ReferralId, Guid? TherapistId, DateOnly EarliestDay, DateOnly LatestDay, string Status, Guid? AppointmentId)
{
    public static WaitlistDto From(WaitlistEntry w) => new(w.Id, w.PatientId, w.ReferralId, w.TherapistId, w.EarliestDay, w.LatestDay, w.Status.ToString(), w.AppointmentId);
}
