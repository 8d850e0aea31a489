using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

/// <summary>
/// A patient who would take an earlier or another time (issue 13 §1 wait-list): between two days, with one therapist or
/// any. When a visit is cancelled, the waiting entries its time suits are offered on the calendar, longest waiting first,
/// and booking one takes the patient off the list.
/// </summary>
public sealed class WaitlistEntry : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid ReferralId { get; init; }

    /// <summary>Null: any therapist.</summary>
    public Guid? TherapistId { get; init; }
    public DateOnly EarliestDay { get; init; }
    public DateOnly LatestDay { get; init; }
    public string? Note { get; init; }

    /// <summary>A patient's request from the portal to move this booked visit: closed when the visit is moved or cancelled.</summary>
    public Guid? RegardingAppointmentId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public Guid CreatedById { get; init; }
    public WaitlistStatus Status { get; private set; } = WaitlistStatus.Waiting;
    public Guid? AppointmentId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Whether a freed time with this therapist on this (local) day suits the entry.</summary>
    public bool Suits(Guid therapistId, DateOnly day) =>
        Status == WaitlistStatus.Waiting && (TherapistId is null || TherapistId == therapistId) && day >= EarliestDay && day <= LatestDay;

    public void Booked(Guid appointmentId, DateTimeOffset at)
    {
        if (Status != WaitlistStatus.Waiting)
        {
            throw new DomainRuleException("waitlist-closed", "This patient is no longer on the wait-list.");
        }

        Status = WaitlistStatus.Booked;
        AppointmentId = appointmentId;
        ClosedAt = at;
    }

    public void Remove(DateTimeOffset at)
    {
        Status = WaitlistStatus.Removed;
        ClosedAt ??= at;
    }
}

public enum WaitlistStatus
{
    Waiting,
    Booked,
    Removed,
}

internal sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(w => w.Note).HasMaxLength(500);
        // Offers for a freed time: the waiting entries whose range reaches its day, oldest first.
        builder.HasIndex(w => new { w.OrganizationId, w.Status, w.LatestDay });
        builder.HasIndex(w => w.PatientId);
    }
}
