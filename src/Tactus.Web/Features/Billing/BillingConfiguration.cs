using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Billing;

internal sealed class BillingProfileConfiguration : IEntityTypeConfiguration<BillingProfile>
{
    public void Configure(EntityTypeBuilder<BillingProfile> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => p.OrganizationId).IsUnique();
        builder.Property(p => p.LegalName).HasMaxLength(60);
        builder.Property(p => p.Npi).HasMaxLength(10);
        builder.Property(p => p.TaxId).HasMaxLength(9);
        builder.Property(p => p.SubmitterId).HasMaxLength(15);
        builder.Property(p => p.ReceiverId).HasMaxLength(15);
        builder.Property(p => p.ReceiverName).HasMaxLength(60);
        builder.Property(p => p.PlaceOfService).HasMaxLength(2);
        builder.Property(p => p.UsageIndicator).HasMaxLength(1);
    }
}

internal sealed class FeeScheduleEntryConfiguration : IEntityTypeConfiguration<FeeScheduleEntry>
{
    public void Configure(EntityTypeBuilder<FeeScheduleEntry> builder)
    {
        builder.HasKey(f => f.Id);
        builder.HasIndex(f => new { f.OrganizationId, f.Code }).IsUnique();
        builder.Property(f => f.Code).HasMaxLength(5);
        builder.Property(f => f.Amount).HasPrecision(10, 2);
    }
}

internal sealed class VisitCodingConfiguration : IEntityTypeConfiguration<VisitCoding>
{
    public void Configure(EntityTypeBuilder<VisitCoding> builder)
    {
        builder.HasKey(v => v.Id);
        builder.HasOne<TreatmentSession>().WithOne().HasForeignKey<VisitCoding>(v => v.SessionId).OnDelete(DeleteBehavior.Restrict);
        // The billing desk's "to review" and "to claim" lists: one status of an organisation, oldest visit first, paged.
        builder.HasIndex(v => new { v.OrganizationId, v.Status, v.ServiceDate });
        // The payer's yearly visit limit counts a patient's coded visits with one payer in a date range (claim holds).
        builder.HasIndex(v => new { v.PatientId, v.PayerId, v.ServiceDate });
        // Two billers claiming the same visit at once: the second UPDATE finds the status changed and is refused.
        builder.Property(v => v.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(v => v.UnitRule).HasConversion<string>().HasMaxLength(8);
        builder.Property(v => v.Lines).HasJsonConversion();
        builder.Property(v => v.ChargeTotal).HasPrecision(12, 2);
        builder.Property(v => v.Diagnoses).HasJsonConversion();
        builder.Property(v => v.Reasoning).HasJsonConversion();
        builder.Property(v => v.Warnings).HasJsonConversion();
        builder.Property(v => v.Adjustments).HasJsonConversion();
    }
}

internal sealed class NcciEditSetConfiguration : IEntityTypeConfiguration<NcciEditSet>
{
    public void Configure(EntityTypeBuilder<NcciEditSet> builder)
    {
        builder.HasKey(n => n.Id);
        builder.HasIndex(n => new { n.OrganizationId, n.LoadedAt });
        builder.Property(n => n.SourceName).HasMaxLength(200);
        builder.Property(n => n.Edits).HasJsonConversion();
    }
}
