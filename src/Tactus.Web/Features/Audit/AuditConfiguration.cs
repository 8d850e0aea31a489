using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tactus.Web.Features.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => new { a.ChainId, a.Sequence });
        builder.Property(a => a.Sequence).ValueGeneratedNever();
        builder.Property(a => a.Actor).HasMaxLength(256).IsRequired();
        builder.Property(a => a.Role).HasMaxLength(32);
        builder.Property(a => a.Action).HasMaxLength(32).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(64);
        builder.Property(a => a.EntityId).HasMaxLength(64);
        builder.Property(a => a.IpAddress).HasMaxLength(64);
        builder.Property(a => a.Outcome).HasMaxLength(16).IsRequired();
        builder.Property(a => a.Detail).HasMaxLength(1000);
        builder.Property(a => a.PreviousHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(a => a.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.HasIndex(a => new { a.OrganizationId, a.OccurredAt });
        builder.HasIndex(a => new { a.OrganizationId, a.Sequence });
        builder.HasIndex(a => new { a.OrganizationId, a.PatientId });
        builder.HasIndex(a => new { a.OrganizationId, a.UserId });
        // The audit page's actor filter: an address typed at a failed sign-in (no account to find it by).
        builder.HasIndex(a => new { a.OrganizationId, a.Actor });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHead>
{
    public void Configure(EntityTypeBuilder<AuditChainHead> builder)
    {
        builder.HasKey(h => h.ChainId);
        builder.Property(h => h.StartHash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(h => h.LastHash).HasMaxLength(64).IsFixedLength().IsRequired();
    }
}

internal sealed class AuditCheckpointConfiguration : IEntityTypeConfiguration<AuditCheckpoint>
{
    public void Configure(EntityTypeBuilder<AuditCheckpoint> builder)
    {
        builder.HasKey(c => new { c.ChainId, c.Sequence });
        builder.Property(c => c.Sequence).ValueGeneratedNever();
        builder.Property(c => c.Hash).HasMaxLength(64).IsFixedLength().IsRequired();
        builder.Property(c => c.Signature).HasMaxLength(64).IsFixedLength().IsRequired();
    }
}
