using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Utilisation;

/// <summary>The kinds of health-care use a programme follows before and after an episode (issue 14 §2).</summary>
public enum UtilisationKind
{
    Imaging,
    Injection,
    Surgery,
    EmergencyVisit,
    SpecialistVisit,
    Physiotherapy,
}

public static class UtilisationKinds
{
    public static string Label(UtilisationKind kind) => kind switch
    {
        UtilisationKind.Imaging => "Imaging",
        UtilisationKind.Injection => "Injection",
        UtilisationKind.Surgery => "Surgery",
        UtilisationKind.EmergencyVisit => "Emergency visit",
        UtilisationKind.SpecialistVisit => "Specialist visit",
        UtilisationKind.Physiotherapy => "Physiotherapy",
        _ => kind.ToString(),
    };
}

/// <summary>
/// One use of health care by a patient on a day: entered by staff, or imported. It carries no free text (a report
/// and a research export may count it without reading a note); its cost is the actual cost when known, else the
/// organisation's price list for its kind.
/// </summary>
public sealed class UtilisationEvent : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public UtilisationKind Kind { get; init; }
    public DateOnly OccurredOn { get; init; }

    /// <summary>The actual cost when known; null takes the price list's amount for the kind.</summary>
    public decimal? Cost { get; init; }

    /// <summary>"entered" by staff, or the system it was imported from.</summary>
    public required string Source { get; init; }

    public Guid RecordedById { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

/// <summary>The organisation's price of one use of a kind, for events with no actual cost.</summary>
public sealed class UtilisationPrice : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public UtilisationKind Kind { get; init; }
    public decimal Amount { get; set; }
}

internal sealed class UtilisationEventConfiguration : IEntityTypeConfiguration<UtilisationEvent>
{
    public void Configure(EntityTypeBuilder<UtilisationEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(e => e.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => new { e.PatientId, e.OccurredOn });
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Cost).HasPrecision(12, 2);
        builder.Property(e => e.Source).HasMaxLength(40);
    }
}

internal sealed class UtilisationPriceConfiguration : IEntityTypeConfiguration<UtilisationPrice>
{
    public void Configure(EntityTypeBuilder<UtilisationPrice> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => new { p.OrganizationId, p.Kind }).IsUnique();
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Amount).HasPrecision(12, 2);
    }
}
