using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Scheduling;

/// <summary>A treatment room or table that is booked with the therapist (maps to FHIR Location).</summary>
public sealed class Room : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>What kind of visit is booked: how long it lasts and the buffer after it (maps to FHIR Appointment.appointmentType).</summary>
public sealed class AppointmentType : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Name { get; set; }
    public int Minutes { get; set; }
    public int BufferMinutes { get; set; }

    /// <summary>The first visit of a referral (assessment and treatment): offered when the referral has no visit yet.</summary>
    public bool Initial { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>
/// A therapist's usual hours on a weekday, in the organisation's local time (a split day is two rows). Bookings must fall
/// inside them (maps to FHIR Schedule + Slot).
/// </summary>
public sealed class WorkingHours : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid TherapistId { get; init; }
    public DayOfWeek Day { get; init; }
    public TimeOnly Starts { get; init; }
    public TimeOnly Ends { get; init; }
}

/// <summary>
/// Time nobody is booked in: a therapist's leave or training, or (with no therapist) a closure of the whole clinic, such
/// as a public holiday. In UTC, as instants, so a closure is the same moment for everyone.
/// </summary>
public sealed class ScheduleBlock : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }

    /// <summary>Null: the clinic is closed.</summary>
    public Guid? TherapistId { get; init; }
    public ScheduleBlockKind Kind { get; init; }
    public DateTimeOffset Starts { get; init; }
    public DateTimeOffset Ends { get; init; }
    public string? Note { get; init; }
}

public enum ScheduleBlockKind
{
    Leave,
    Training,
    Closure,
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.HasIndex(r => new { r.OrganizationId, r.Name }).IsUnique();
    }
}

internal sealed class AppointmentTypeConfiguration : IEntityTypeConfiguration<AppointmentType>
{
    public void Configure(EntityTypeBuilder<AppointmentType> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.HasIndex(t => new { t.OrganizationId, t.Name }).IsUnique();
    }
}

internal sealed class WorkingHoursConfiguration : IEntityTypeConfiguration<WorkingHours>
{
    public void Configure(EntityTypeBuilder<WorkingHours> builder)
    {
        builder.HasKey(h => h.Id);
        builder.HasIndex(h => new { h.OrganizationId, h.TherapistId, h.Day });
    }
}

internal sealed class ScheduleBlockConfiguration : IEntityTypeConfiguration<ScheduleBlock>
{
    public void Configure(EntityTypeBuilder<ScheduleBlock> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Note).HasMaxLength(200);
        builder.HasIndex(b => new { b.OrganizationId, b.Ends });
    }
}
