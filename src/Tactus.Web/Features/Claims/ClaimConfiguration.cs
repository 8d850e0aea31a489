using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Coverage;

namespace Tactus.Web.Features.Claims;

internal sealed class ClaimConfiguration : IEntityTypeConfiguration<Claim>
{
    public void Configure(EntityTypeBuilder<Claim> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<PatientCoverage>().WithMany().HasForeignKey(c => c.CoverageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.OrganizationId, c.ClaimNumber }).IsUnique();
        builder.HasIndex(c => new { c.OrganizationId, c.Status, c.CreatedAt });
        builder.HasIndex(c => new { c.OrganizationId, c.CreatedAt });
        // A secondary claim is found from its primary (one secondary per primary; remittance posting).
        builder.HasIndex(c => c.PrimaryClaimId);
        builder.Property(c => c.ClaimNumber).HasMaxLength(20);
        // Two exports or remittances touching one claim at once: the second finds the status changed and is refused, never applied twice.
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16).IsConcurrencyToken();
        builder.Property(c => c.PlaceOfService).HasMaxLength(2);
        builder.Property(c => c.AuthorizationNumber).HasMaxLength(50);
        builder.Property(c => c.PayerClaimControlNumber).HasMaxLength(50);
        builder.Ignore(c => c.TotalCharge);
        builder.Ignore(c => c.Paid);
        builder.Ignore(c => c.PatientResponsibility);
        builder.Ignore(c => c.Outstanding);
        // The aging buckets and "awaiting response" list: open, submitted claims of an organisation by submission date.
        builder.HasIndex(c => new { c.OrganizationId, c.SubmittedAt });
        builder.Property(c => c.HoldReasons).HasJsonConversion();
        builder.Property(c => c.Lines).HasJsonConversion();
        builder.Property(c => c.Diagnoses).HasJsonConversion();
        builder.Property(c => c.VisitCodingIds).HasJsonConversion();
        builder.Property(c => c.StatusChanges).HasJsonConversion();
    }
}

internal sealed class ClaimBatchConfiguration : IEntityTypeConfiguration<ClaimBatch>
{
    public void Configure(EntityTypeBuilder<ClaimBatch> builder)
    {
        builder.HasKey(b => b.Id);
        builder.HasIndex(b => new { b.OrganizationId, b.InterchangeControlNumber }).IsUnique();
        builder.Property(b => b.TotalCharge).HasPrecision(12, 2);
        builder.Property(b => b.ClaimIds).HasJsonConversion();
    }
}
