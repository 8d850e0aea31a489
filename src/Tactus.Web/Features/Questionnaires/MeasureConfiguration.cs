using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Questionnaires;

internal sealed class MeasureResponseConfiguration : IEntityTypeConfiguration<MeasureResponse>
{
    public void Configure(EntityTypeBuilder<MeasureResponse> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.PatientId, r.Instrument, r.CompletedAt });
        builder.Property(r => r.Instrument).HasMaxLength(16);
        builder.Property(r => r.Band).HasMaxLength(64);
        builder.Property(r => r.CannotScoreReason).HasMaxLength(500);
        builder.Property(r => r.Total).HasPrecision(9, 2);
        builder.Property(r => r.Answers).HasJsonConversion();
        builder.Property(r => r.ItemLabels).HasJsonConversion();
    }
}

internal sealed class SafetyAlertConfiguration : IEntityTypeConfiguration<SafetyAlert>
{
    public void Configure(EntityTypeBuilder<SafetyAlert> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MeasureResponse>().WithMany().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.OrganizationId, a.AcknowledgedAt });
        builder.Property(a => a.RuleId).HasMaxLength(64);
        builder.Property(a => a.Kind).HasMaxLength(16);
        builder.Property(a => a.Message).HasMaxLength(1000);
        builder.Property(a => a.ActionTaken).HasMaxLength(1000);
        builder.Ignore(a => a.IsOpen);
    }
}

internal sealed class InstrumentBandChoiceConfiguration : IEntityTypeConfiguration<InstrumentBandChoice>
{
    public void Configure(EntityTypeBuilder<InstrumentBandChoice> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Instrument).HasMaxLength(32);
        builder.Property(c => c.Convention).HasMaxLength(64);
        builder.HasIndex(c => new { c.OrganizationId, c.Instrument }).IsUnique();
    }
}

internal sealed class InstrumentWordingConfiguration : IEntityTypeConfiguration<InstrumentWording>
{
    public void Configure(EntityTypeBuilder<InstrumentWording> builder)
    {
        builder.HasKey(w => w.Id);
        builder.HasIndex(w => new { w.OrganizationId, w.Instrument }).IsUnique();
        builder.Property(w => w.Instrument).HasMaxLength(16);
        builder.Property(w => w.RightsStatement).HasMaxLength(1000);
        builder.Property(w => w.Recall).HasMaxLength(1000);
        builder.Property(w => w.ItemText).HasJsonConversion();
        builder.Property(w => w.OptionLabels).HasJsonConversion();
    }
}
