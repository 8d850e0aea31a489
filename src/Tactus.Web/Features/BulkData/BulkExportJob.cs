using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.BulkData;

public enum BulkExportStatus
{
    Accepted,
    Running,
    Complete,
    Failed,
    Cancelled,
    Expired,
}

/// <summary>
/// One FHIR Bulk Data export (Bulk Data Access 2.0 §5): asked for by a backend service's account, run by
/// <see cref="BulkExportWorker"/> as that account (its organisation, role and relationship scoping), its NDJSON kept in
/// <see cref="BulkExportPart"/> rows until it expires. Kept in the database, not on one instance's disk, so any instance
/// behind a load balancer answers the status and the download, and an expired export is one DELETE.
/// </summary>
public sealed class BulkExportJob : IOrganizationOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }

    /// <summary>The service account that asked: only it sees the status and downloads the files.</summary>
    public Guid AccountId { get; init; }
    public required string AccountName { get; init; }
    public required string Role { get; init; }

    /// <summary>system, patient or group (the kick-off endpoint).</summary>
    public required string Level { get; init; }
    public string? GroupId { get; init; }
    public List<string> Types { get; init; } = [];
    public DateTimeOffset? Since { get; init; }

    /// <summary>The kick-off URL, echoed in the manifest's <c>request</c>.</summary>
    public required string RequestUrl { get; init; }

    /// <summary>When the export was asked for: the manifest's transactionTime, and a client's next <c>_since</c>.</summary>
    public DateTimeOffset TransactionTime { get; init; }
    public BulkExportStatus Status { get; set; }

    /// <summary>Until when the worker that runs it holds it; a job whose worker stopped is taken up again after this.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
    public int Exported { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public string? Error { get; set; }
    public List<BulkExportFile> Files { get; set; } = [];
}

/// <summary>A file of the manifest: one resource type, its count and its SHA-256 (SR-20: every export has a digest).</summary>
public sealed record BulkExportFile(string Type, int Count, string Sha256);

/// <summary>A run of NDJSON lines of one type, in order; a file is its parts concatenated.</summary>
public sealed class BulkExportPart : IOrganizationOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid JobId { get; init; }
    public required string ResourceType { get; init; }
    public int Sequence { get; init; }
    public int Count { get; init; }
    public required byte[] Content { get; init; }
}

internal sealed class BulkExportJobConfiguration : IEntityTypeConfiguration<BulkExportJob>
{
    public void Configure(EntityTypeBuilder<BulkExportJob> builder)
    {
        builder.HasKey(j => j.Id);
        builder.HasIndex(j => new { j.Status, j.LeaseUntil });
        builder.HasIndex(j => new { j.OrganizationId, j.AccountId, j.Status });
        builder.Property(j => j.AccountName).HasMaxLength(256);
        builder.Property(j => j.Role).HasMaxLength(32);
        builder.Property(j => j.Level).HasMaxLength(16);
        builder.Property(j => j.GroupId).HasMaxLength(64);
        builder.Property(j => j.RequestUrl).HasMaxLength(2000);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(j => j.Error).HasMaxLength(1000);
        builder.Property(j => j.Types).HasJsonConversion();
        builder.Property(j => j.Files).HasJsonConversion();
    }
}

internal sealed class BulkExportPartConfiguration : IEntityTypeConfiguration<BulkExportPart>
{
    public void Configure(EntityTypeBuilder<BulkExportPart> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasOne<BulkExportJob>().WithMany().HasForeignKey(p => p.JobId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.JobId, p.ResourceType, p.Sequence }).IsUnique();
        builder.Property(p => p.ResourceType).HasMaxLength(64);
    }
}
