using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Coverage;

internal sealed class PayerConfiguration : IEntityTypeConfiguration<Payer>
{
    public void Configure(EntityTypeBuilder<Payer> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => new { p.OrganizationId, p.PayerIdentifier }).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.PayerIdentifier).HasMaxLength(80);
        builder.Property(p => p.ClaimFilingIndicator).HasMaxLength(2);
        builder.Property(p => p.DistinctServiceModifier).HasMaxLength(2);
        builder.Property(p => p.UnitRule).HasConversion<string>().HasMaxLength(8);
        builder.Property(p => p.RequiredTherapyModifiers).HasJsonConversion();
        builder.Property(p => p.AcceptedRenderingDisciplines).HasJsonConversion();
    }
}

internal sealed class PatientCoverageConfiguration : IEntityTypeConfiguration<PatientCoverage>
{
    public void Configure(EntityTypeBuilder<PatientCoverage> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Payer>().WithMany().HasForeignKey(c => c.PayerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => c.PatientId);
        builder.Property(c => c.MemberId).HasMaxLength(80);
        builder.Property(c => c.GroupNumber).HasMaxLength(50);
        builder.Property(c => c.Priority).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Relationship).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Subscriber).HasJsonConversion(required: false);
    }
}

internal sealed class AuthorizationConfiguration : IEntityTypeConfiguration<Authorization>
{
    public void Configure(EntityTypeBuilder<Authorization> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasOne<PatientCoverage>().WithMany().HasForeignKey(a => a.CoverageId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.PatientId, a.EndsOn });
        builder.HasIndex(a => new { a.OrganizationId, a.EndsOn });
        builder.Property(a => a.Number).HasMaxLength(50);
    }
}
