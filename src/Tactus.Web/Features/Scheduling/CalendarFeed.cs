using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Scheduling;

/// <summary>
/// A therapist's private calendar subscription (issue 13 §1): an iCalendar address their phone's or desktop's calendar
/// polls. The token in the address is the credential, stored only as its hash, and revoked by making a new one or
/// revoking it on the calendar page.
/// </summary>
public sealed class CalendarFeed : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid UserId { get; init; }
    public required string TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public void Revoke(DateTimeOffset at) => RevokedAt ??= at;
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.HasKey(f => f.Id);
        builder.Property(f => f.TokenHash).HasMaxLength(64);
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasIndex(f => new { f.OrganizationId, f.UserId });
    }
}
