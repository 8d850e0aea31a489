using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Medications;

/// <summary>
/// One opioid a patient takes, from a day until a day (open while still taken): the structured form of a medication
/// line, so that a programme can follow its patients' morphine milligram equivalents across an episode (issue 14 §2).
/// The MME per day is computed once from the reviewed CDC 2022 table when recorded and stored, so that a report sums
/// it in SQL; buprenorphine is recorded with no MME (the table leaves it out).
/// </summary>
public sealed class OpioidStatement : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }

    /// <summary>The opioid's id in the conversion table (e.g. "oxycodone", "fentanyl-transdermal", "buprenorphine").</summary>
    public required string Opioid { get; init; }

    /// <summary>The strength of one dose: mg, or mcg/hr for the fentanyl patch.</summary>
    public decimal Strength { get; init; }

    public decimal DosesPerDay { get; init; }

    /// <summary>Null for an opioid the table does not convert (buprenorphine).</summary>
    public decimal? MmePerDay { get; init; }

    public DateOnly TakenFrom { get; init; }

    /// <summary>The last day it was taken; null while the patient still takes it.</summary>
    public DateOnly? TakenUntil { get; private set; }

    public Guid RecordedById { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public bool TakenOn(DateOnly day) => TakenFrom <= day && (TakenUntil is null || TakenUntil >= day);

    public void Stop(DateOnly lastDay) => TakenUntil = lastDay;
}

internal sealed class OpioidStatementConfiguration : IEntityTypeConfiguration<OpioidStatement>
{
    public void Configure(EntityTypeBuilder<OpioidStatement> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.PatientId, s.TakenFrom });
        builder.Property(s => s.Opioid).HasMaxLength(40);
        builder.Property(s => s.Strength).HasPrecision(10, 2);
        builder.Property(s => s.DosesPerDay).HasPrecision(6, 2);
        builder.Property(s => s.MmePerDay).HasPrecision(12, 2);
    }
}
