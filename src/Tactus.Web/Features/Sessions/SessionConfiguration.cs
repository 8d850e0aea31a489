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
        builder.HasIndex(s => new { s.PlanId, s.SignedAt });

        // The safety review: signed visits with an adverse event, worst and newest first.
        builder.HasIndex(s => new { s.OrganizationId, s.WorstAdverseEvent, s.SessionDate });
        // The inbox's notes left unsigned after the visit day (issue 13 §3): drafts by visit day.
        builder.HasIndex(s => new { s.OrganizationId, s.Status, s.SessionDate });

        // Check-in is idempotent per referral and day: two check-ins at once cannot both start the day's first visit.
        builder.HasIndex(s => new { s.ReferralId, s.SessionDate, s.VisitOfDay }).IsUnique();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.CheckIn).HasJsonConversion();
        builder.Property(s => s.Note).HasJsonConversion();
        builder.Property(s => s.Amendments).HasJsonConversion();
    }
}
