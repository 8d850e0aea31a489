using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Plans;

internal sealed class PlanConfiguration : IEntityTypeConfiguration<PlanOfCare>
{
    public void Configure(EntityTypeBuilder<PlanOfCare> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(p => p.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.PatientId, p.CreatedAt });
        builder.HasIndex(p => new { p.OrganizationId, p.Status });
        // The plans work-list: the open episodes' plans due by today (IndexModel.AwaitingQuery), one range.
        builder.HasIndex(p => new { p.OrganizationId, p.EpisodeOpen, p.ActionDueOn });
        builder.Property(p => p.ProtocolId).HasMaxLength(64);
        builder.Property(p => p.Precautions).HasMaxLength(2000);
        builder.Property(p => p.Status).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(p => p.PlannedVisits);
        builder.OwnsMany(p => p.Goals, goal =>
        {
            goal.WithOwner().HasForeignKey("PlanId");
            goal.HasKey(g => g.Id);
            goal.Property(g => g.Description).HasMaxLength(500).IsRequired();
            goal.Property(g => g.Instrument).HasMaxLength(32);
            goal.Property(g => g.Target).HasMaxLength(64);
        });
        builder.Navigation(p => p.Goals).AutoInclude();
        builder.OwnsMany(p => p.Measures, measure =>
        {
            measure.ToTable("PlanMeasureSchedules");
            measure.WithOwner().HasForeignKey("PlanId");
            measure.HasKey(m => m.Id);
            measure.Property(m => m.Instrument).HasMaxLength(16).IsRequired();
        });
        builder.Navigation(p => p.Measures).AutoInclude();
    }
}
