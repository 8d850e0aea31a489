using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Account;

namespace Tactus.Web.Features.Practitioners;

internal sealed class PractitionerConfiguration : IEntityTypeConfiguration<Practitioner>
{
    public void Configure(EntityTypeBuilder<Practitioner> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasOne<TactusUser>().WithOne().HasForeignKey<Practitioner>(p => p.UserId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.Property(p => p.Discipline).HasMaxLength(32).IsRequired();
        builder.Property(p => p.Npi).HasMaxLength(10);
        builder.Property(p => p.TaxonomyCode).HasMaxLength(10);
        builder.Ignore(p => p.ClaimTaxonomy);
        builder.OwnsMany(p => p.Licences, licence =>
        {
            licence.WithOwner().HasForeignKey("PractitionerId");
            licence.HasKey(l => l.Id);
            licence.Property(l => l.State).HasMaxLength(2).IsRequired();
            licence.Property(l => l.Number).HasMaxLength(32).IsRequired();
            licence.Property(l => l.Status).HasConversion<string>().HasMaxLength(16);
        });
        builder.OwnsMany(p => p.Certifications, certification =>
        {
            certification.WithOwner().HasForeignKey("PractitionerId");
            certification.HasKey(c => c.Id);
            certification.Property(c => c.Code).HasMaxLength(64).IsRequired();
        });
        builder.Navigation(p => p.Licences).AutoInclude();
        builder.Navigation(p => p.Certifications).AutoInclude();
    }
}

internal sealed class ContinuingEducationConfiguration : IEntityTypeConfiguration<ContinuingEducationRecord>
{
    public void Configure(EntityTypeBuilder<ContinuingEducationRecord> builder)
    {
        builder.ToTable("ContinuingEducation");
        builder.HasKey(c => c.Id);
        builder.HasOne<Practitioner>().WithMany().HasForeignKey(c => c.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.PractitionerId, c.CompletedOn });
        builder.Property(c => c.Topic).HasMaxLength(32);
        builder.Property(c => c.Title).HasMaxLength(200);
        builder.Property(c => c.Provider).HasMaxLength(200);
        builder.Property(c => c.Evidence).HasMaxLength(300);
    }
}
