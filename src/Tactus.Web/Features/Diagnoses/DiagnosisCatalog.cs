using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Diagnoses;

/// <summary>The codes a referral may carry: the reviewed bundled list plus the caller's organisation's additions.</summary>
public sealed class DiagnosisCatalog(TactusDbContext db, ClinicalReference reference)
{
    public async Task<IReadOnlyDictionary<string, ClinicalReference.Diagnosis>> ForCurrentOrganizationAsync(CancellationToken cancellationToken)
    {
        var own = await db.OrganizationDiagnosisCodes.AsNoTracking().ToListAsync(cancellationToken);
        var merged = new Dictionary<string, ClinicalReference.Diagnosis>(reference.Diagnoses, StringComparer.OrdinalIgnoreCase);
        foreach (var code in own)
        {
            merged.TryAdd(code.Code, new ClinicalReference.Diagnosis(code.Code, code.Display));
        }

        return merged;
    }
}

internal sealed class OrganizationDiagnosisCodeConfiguration : IEntityTypeConfiguration<OrganizationDiagnosisCode>
{
    public void Configure(EntityTypeBuilder<OrganizationDiagnosisCode> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Code).HasMaxLength(8).IsRequired();
        builder.Property(c => c.Display).HasMaxLength(200).IsRequired();
        builder.HasIndex(c => new { c.OrganizationId, c.Code }).IsUnique();
    }
}
