using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Research;

/// <summary>
/// A research protocol the organisation approved (issue 14 §4): what it is, who approved it (the IRB or privacy board
/// and its reference), the days it runs, the researcher it is for, and the field groups its export may hold. A
/// researcher exports only under an approved protocol, only within its days, only its fields.
/// </summary>
public sealed class ResearchProtocol : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Title { get; init; }

    /// <summary>Who approved it and their reference, e.g. "Riverside IRB, protocol 2026-114".</summary>
    public required string Approver { get; init; }

    public DateOnly ApprovedOn { get; init; }
    public DateOnly StartsOn { get; init; }
    public DateOnly EndsOn { get; init; }

    /// <summary>The researcher the protocol is for: only they export under it.</summary>
    public Guid ResearcherId { get; init; }

    /// <summary>The field groups of <see cref="ResearchFields"/> the approval covers.</summary>
    public List<string> FieldsAllowed { get; init; } = [];

    public Guid RecordedById { get; init; }
    public DateTimeOffset RecordedAt { get; init; }

    public bool IsActiveOn(DateOnly day) => day >= StartsOn && day <= EndsOn;
}

internal sealed class ResearchProtocolConfiguration : IEntityTypeConfiguration<ResearchProtocol>
{
    public void Configure(EntityTypeBuilder<ResearchProtocol> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Title).HasMaxLength(ResearchProtocolLimits.Title);
        builder.Property(p => p.Approver).HasMaxLength(ResearchProtocolLimits.Approver);
        builder.Property(p => p.FieldsAllowed).HasJsonConversion();
        builder.HasIndex(p => new { p.OrganizationId, p.ResearcherId, p.EndsOn });
    }
}

public static class ResearchProtocolLimits
{
    public const int Title = 200;
    public const int Approver = 200;
}
