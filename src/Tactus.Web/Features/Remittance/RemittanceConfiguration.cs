using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Remittance;

internal sealed class RemittanceConfiguration : IEntityTypeConfiguration<RemittanceImport>
{
    public void Configure(EntityTypeBuilder<RemittanceImport> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.OrganizationId, r.Sha256 });
        builder.HasIndex(r => new { r.OrganizationId, r.PayerIdentifier, r.TraceNumber }).IsUnique();
        builder.Property(r => r.PayerIdentifier).HasMaxLength(50);
        builder.Property(r => r.Sha256).HasMaxLength(64);
        builder.Property(r => r.TraceNumber).HasMaxLength(50);
        builder.Property(r => r.PayerName).HasMaxLength(60);
        builder.Property(r => r.PaymentMethod).HasMaxLength(3);
        builder.Property(r => r.PaymentAmount).HasPrecision(12, 2);
        builder.Property(r => r.ClaimNumbers).HasJsonConversion();
    }
}
