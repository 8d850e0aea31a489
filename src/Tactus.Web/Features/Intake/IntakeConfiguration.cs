using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Intake;

internal sealed class IntakeConfiguration : IEntityTypeConfiguration<PatientIntake>
{
    public void Configure(EntityTypeBuilder<PatientIntake> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(i => i.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.PatientId, i.RecordedAt });
        builder.Property(i => i.Answers).HasJsonConversion();
        builder.Property(i => i.Preferences).HasJsonConversion();
        builder.Property(i => i.OtherConditions).HasMaxLength(2000);
        builder.Property(i => i.Allergies).HasMaxLength(1000);
        builder.Property(i => i.ImplantedDevices).HasMaxLength(1000);
        builder.Property(i => i.ConsentGivenBy).HasMaxLength(200);
    }
}

internal sealed class PatientFindingConfiguration : IEntityTypeConfiguration<PatientFinding>
{
    public void Configure(EntityTypeBuilder<PatientFinding> builder)
    {
        builder.HasKey(f => f.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(f => f.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(f => new { f.PatientId, f.Status });
        builder.Property(f => f.RuleId).HasMaxLength(64);
        builder.Property(f => f.Finding).HasMaxLength(200);
        builder.Property(f => f.PatientText).HasMaxLength(1000);
        builder.Property(f => f.ClinicianText).HasMaxLength(1000);
        builder.Property(f => f.Source).HasMaxLength(500);
        builder.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(f => f.ClearanceReason).HasMaxLength(500);
        builder.Ignore(f => f.Blocks);
        builder.Ignore(f => f.Defers);
        builder.Ignore(f => f.NeedsClearance);
        builder.Ignore(f => f.BlockingReason);
    }
}
