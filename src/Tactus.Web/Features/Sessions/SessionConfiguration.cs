using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Sessions;

internal sealed class SessionConfiguration : IEntityTypeConfiguration<TreatmentSession>
{
    public void Configure(EntityTypeBuilder<TreatmentSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasOne<Referral>().WithMany().HasForeignKey(s => s.ReferralId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.PatientId, s.SessionDate });
        builder.HasIndex(s => s.PlanId);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.CheckIn).HasJsonConversion();
        builder.Property(s => s.Note).HasJsonConversion();
        builder.Property(s => s.Amendments).HasJsonConversion();
    }
}
