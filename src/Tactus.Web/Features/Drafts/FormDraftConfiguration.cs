using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Drafts;

internal sealed class FormDraftConfiguration : IEntityTypeConfiguration<FormDraft>
{
    public void Configure(EntityTypeBuilder<FormDraft> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Key).HasMaxLength(300);
        builder.HasIndex(d => new { d.UserId, d.Key }).IsUnique();
        builder.Property(d => d.Fields).HasJsonConversion();
    }
}
