using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Questionnaires;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<MeasureInvitation>
{
    public void Configure(EntityTypeBuilder<MeasureInvitation> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(i => i.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(i => i.TokenHash).IsUnique();

        // The inbox's "questionnaires overdue" (issue 13 §3): unused links by expiry, and whether a later link was sent.
        builder.HasIndex(i => new { i.OrganizationId, i.UsedAt, i.ExpiresAt });
        builder.HasIndex(i => new { i.PatientId, i.CreatedAt });

        // The link's use is a concurrency token: of two submissions at once, one records and the other finds the link used.
        builder.Property(i => i.UsedAt).IsConcurrencyToken();
    }
}
