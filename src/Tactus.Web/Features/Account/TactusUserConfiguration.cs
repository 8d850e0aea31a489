using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Account;

internal sealed class TactusUserConfiguration : IEntityTypeConfiguration<TactusUser>
{
    public void Configure(EntityTypeBuilder<TactusUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(200).IsRequired();
        builder.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(u => u.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(u => u.OrganizationId);
    }
}
