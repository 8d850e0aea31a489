using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Portal;

/// <summary>
/// A secure message between a patient and their care team (issue 13 §4), kept in Tactus: the e-mail that tells
/// someone a message is waiting never carries it. Not for emergencies; the portal shows the crisis line beside it.
/// </summary>
public sealed class CareMessage : IOrganizationOwned, IPatientData
{
    public const int MaxLength = 2000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }

    /// <summary>True when the patient wrote it; false when a member of the care team did.</summary>
    public bool FromPatient { get; init; }

    public Guid AuthorId { get; init; }
    public required string Body { get; init; }
    public DateTimeOffset SentAt { get; init; }

    /// <summary>When the other side read it (the care team for a patient's message, the patient for the team's).</summary>
    public DateTimeOffset? ReadAt { get; set; }
}

internal sealed class CareMessageConfiguration : IEntityTypeConfiguration<CareMessage>
{
    public void Configure(EntityTypeBuilder<CareMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Body).HasMaxLength(CareMessage.MaxLength);
        builder.HasIndex(m => new { m.PatientId, m.SentAt });

        // The care team's inbox: patients' messages not yet read.
        builder.HasIndex(m => new { m.OrganizationId, m.FromPatient, m.ReadAt });
    }
}

/// <summary>What the patient's record shows of their messages.</summary>
public sealed record CareMessagesPanel(Guid PatientId, IReadOnlyList<CareMessage> Thread)
{
    public int Unread => Thread.Count(m => m.FromPatient && m.ReadAt is null);
}
