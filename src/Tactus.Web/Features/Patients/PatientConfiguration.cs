using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Organizations;

namespace Tactus.Web.Features.Patients;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasOne<Organization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(p => p.Mrn).HasMaxLength(PatientLimits.Mrn).IsRequired();
        builder.Property(p => p.GivenName).HasMaxLength(PatientLimits.Name).IsRequired();
        builder.Property(p => p.FamilyName).HasMaxLength(PatientLimits.Name).IsRequired();
        builder.Property(p => p.Sex).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Phone).HasMaxLength(PatientLimits.Phone);
        builder.Property(p => p.Email).HasMaxLength(PatientLimits.Email);
        builder.Property(p => p.AddressLine).HasMaxLength(PatientLimits.AddressLine);
        builder.Property(p => p.City).HasMaxLength(PatientLimits.City);
        builder.Property(p => p.State).HasMaxLength(2);
        builder.Property(p => p.PostalCode).HasMaxLength(10);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.FullName);

        builder.HasIndex(p => new { p.OrganizationId, p.Mrn }).IsUnique();
        builder.Property(p => p.ExternalSystem).HasMaxLength(PatientLimits.ExternalIdentifier);
        builder.Property(p => p.ExternalId).HasMaxLength(PatientLimits.ExternalIdentifier);
        builder.HasIndex(p => new { p.OrganizationId, p.ExternalSystem, p.ExternalId }).IsUnique(); // NULLs are distinct in both stores
        builder.Property(p => p.GivenKey).HasMaxLength(PatientLimits.Name * 2).IsRequired();
        builder.Property(p => p.FamilyKey).HasMaxLength(PatientLimits.Name * 2).IsRequired();
        builder.HasIndex(p => new { p.OrganizationId, p.FamilyKey, p.GivenKey });
        builder.HasIndex(p => new { p.OrganizationId, p.GivenKey });
        builder.HasIndex(p => new { p.OrganizationId, p.BirthDate });
        builder.HasIndex(p => p.MergedIntoId);

        builder.HasMany(p => p.CareTeam).WithOne().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Conditions).WithOne().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CareTeamMemberConfiguration : IEntityTypeConfiguration<CareTeamMember>
{
    public void Configure(EntityTypeBuilder<CareTeamMember> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Role).HasMaxLength(32).IsRequired();
        builder.HasIndex(m => new { m.PatientId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
    }
}

internal sealed class ConditionConfiguration : IEntityTypeConfiguration<Condition>
{
    public void Configure(EntityTypeBuilder<Condition> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(8).IsRequired();
        builder.Property(c => c.Display).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => new { c.OrganizationId, c.Code });
    }
}

internal sealed class PatientMergeConfiguration : IEntityTypeConfiguration<PatientMerge>
{
    public void Configure(EntityTypeBuilder<PatientMerge> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => m.PatientId);
        builder.Property(m => m.DuplicateMrn).HasMaxLength(20);
        builder.Property(m => m.Reason).HasMaxLength(500);
    }
}

internal sealed class PatientNameWordConfiguration : IEntityTypeConfiguration<PatientNameWord>
{
    public void Configure(EntityTypeBuilder<PatientNameWord> builder)
    {
        // The key also answers "does this patient have another word in the range" (the residual terms, and the
        // check that shows a patient once when two of their words match).
        builder.HasKey(w => new { w.PatientId, w.Word });
        builder.Property(w => w.Word).HasMaxLength(PatientLimits.Name * 2);
        builder.Property(w => w.FamilyKey).HasMaxLength(PatientLimits.Name * 2).IsRequired();
        builder.Property(w => w.GivenKey).HasMaxLength(PatientLimits.Name * 2).IsRequired();
        builder.Property(w => w.Mrn).HasMaxLength(PatientLimits.Mrn).IsRequired();
        builder.HasOne<Patient>().WithMany().HasForeignKey(w => w.PatientId).OnDelete(DeleteBehavior.Cascade);
        // The search: one range on the word, rows already in page order, the patient id read from the index.
        builder.HasIndex(w => new { w.OrganizationId, w.Word, w.FamilyKey, w.GivenKey, w.Mrn, w.PatientId });
    }
}
