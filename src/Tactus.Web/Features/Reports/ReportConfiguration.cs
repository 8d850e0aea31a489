using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Reports;

internal sealed class ReportConfiguration : IEntityTypeConfiguration<OutcomeReport>
{
    public void Configure(EntityTypeBuilder<OutcomeReport> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(r => r.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.ReferralId, r.CreatedAt });
        builder.HasIndex(r => new { r.OrganizationId, r.Status });
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Assessment).HasMaxLength(4000);
        builder.Property(r => r.Recommendation).HasMaxLength(4000);
        builder.Property(r => r.AcknowledgementNote).HasMaxLength(1000);
        builder.Property(r => r.Content).HasJsonConversion();
        builder.Ignore(r => r.Title);
    }
}
