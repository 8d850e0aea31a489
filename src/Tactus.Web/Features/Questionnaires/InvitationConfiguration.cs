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

        // The link's use is a concurrency token: of two submissions at once, one records and the other finds the link used.
        builder.Property(i => i.UsedAt).IsConcurrencyToken();
    }
}
