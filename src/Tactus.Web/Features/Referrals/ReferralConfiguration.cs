using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Referrals;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Reason).HasMaxLength(ReferralLimits.Text).IsRequired();
        builder.Property(r => r.Goals).HasMaxLength(ReferralLimits.Text);
        builder.Property(r => r.Precautions).HasMaxLength(ReferralLimits.Text);
        builder.Property(r => r.StatusReason).HasMaxLength(ReferralLimits.Reason);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Urgency).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(r => r.IsClosed);
        builder.Ignore(r => r.NextStatuses);
        builder.HasIndex(r => new { r.OrganizationId, r.Status, r.SentAt });
        // The work-list's order (Referral.WorklistRank): a page of it is an index walk that stops after the page.
        builder.HasIndex(r => new { r.OrganizationId, r.WorklistRank, r.SentAt, r.Id });
        builder.HasIndex(r => r.PatientId);
        builder.Property(r => r.ExternalSystem).HasMaxLength(ReferralLimits.ExternalIdentifier);
        builder.Property(r => r.ExternalId).HasMaxLength(ReferralLimits.ExternalIdentifier);
        // One referral per referring system's order: the store refuses a concurrent double (NULLs never collide).
        builder.HasIndex(r => new { r.OrganizationId, r.ExternalSystem, r.ExternalId }).IsUnique();
        // FHIR ServiceRequest search without a patient: newest first, one index range per page.
        builder.HasIndex(r => new { r.OrganizationId, r.CreatedAt, r.Id });
        builder.OwnsMany(r => r.Diagnoses, d =>
        {
            d.WithOwner().HasForeignKey("ReferralId");
            d.HasKey(x => x.Id);
            d.Property(x => x.Code).HasMaxLength(8).IsRequired();
            d.Property(x => x.Display).HasMaxLength(200).IsRequired();
        });
        builder.OwnsMany(r => r.StatusChanges, c =>
        {
            c.WithOwner().HasForeignKey("ReferralId");
            c.HasKey(x => x.Id);
            c.Property(x => x.From).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.To).HasConversion<string>().HasMaxLength(16);
            c.Property(x => x.Reason).HasMaxLength(ReferralLimits.Reason);
        });
        builder.Navigation(r => r.Diagnoses).AutoInclude();
        builder.Navigation(r => r.StatusChanges).AutoInclude();
    }
}

public static class ReferralLimits
{
    public const int Text = 2000;
    public const int Reason = 500;
    public const int MaxVisits = 52;
    public const int MaxDiagnoses = 4;
    public const int ExternalIdentifier = 200;
}
