using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Messages;

/// <summary>
/// A message that leaves Tactus (issue 13 §2), written in the same transaction as the event that needs it, so a booking
/// that commits always has its confirmation and one that rolls back never does. The OutboxWorker sends it, with retries
/// and backoff; a send cut off by a stopped server is sent again once its lease lapses (at least once, never lost).
/// </summary>
public sealed class OutboxMessage : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }

    /// <summary>Whom it is about, when a patient: the administrator's list and the audit name them.</summary>
    public Guid? PatientId { get; init; }

    /// <summary>What it is, e.g. <c>appointment-booked</c>.</summary>
    public required string Kind { get; init; }
    public MessageChannel Channel { get; init; }
    public required string Recipient { get; init; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>What the message is about (an appointment's reminder), so a change to it withdraws what no longer holds.</summary>
    public Guid? RegardingId { get; init; }

    /// <summary>Withdrawn before it was sent (the appointment was cancelled or moved): never sent.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Not before this time (a reminder waits for its moment; a retry for its backoff).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? LeasedUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>Given up after <see cref="OutboxWorker.MaxAttempts"/> attempts; the administrator sees it with its error.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}

public enum MessageChannel
{
    Email,
    Text,
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Kind).HasMaxLength(50);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(10);
        builder.Property(m => m.Recipient).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(200);
        builder.Property(m => m.Body).HasMaxLength(4000);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        // The worker's question, "what is due now?", is one range over the unsent.
        builder.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        builder.HasIndex(m => new { m.OrganizationId, m.CreatedAt });
        builder.HasIndex(m => m.RegardingId);
    }
}
