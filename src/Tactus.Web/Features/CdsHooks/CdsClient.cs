using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.CdsHooks;

/// <summary>
/// An EHR allowed to call Tactus's CDS Hooks services (CDS Hooks 2.0 "Trusting CDS Clients"): the issuer of its JWTs and
/// its public keys, exchanged out of band, and the service account of the organisation it calls for. The allowlist the
/// specification asks for is this table: an unknown issuer is refused.
/// </summary>
public sealed class CdsClient : IOrganizationOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Name { get; init; }

    /// <summary>The JWT's <c>iss</c>, as the EHR sends it.</summary>
    public required string Issuer { get; init; }

    /// <summary>The EHR's public keys (JWKS JSON); the JWT header's <c>kid</c> names one.</summary>
    public required string JsonWebKeySet { get; init; }

    /// <summary>The account the calls read as: its role bounds what a card may tell.</summary>
    public Guid AccountId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// A CDS client's JWT already used (its <c>jti</c>), kept until it would have expired: the unique key refuses a replay on
/// whichever instance it arrives at.
/// </summary>
public sealed class CdsJwtUse
{
    public Guid ClientId { get; init; }
    public required string Jti { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
}

/// <summary>What a clinician did with a card (CDS Hooks 2.0 "Feedback"): kept to see whether the advice helps.</summary>
public sealed class CdsFeedback : IOrganizationOwned
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid ClientId { get; init; }
    public required string ServiceId { get; init; }
    public required string CardId { get; init; }

    /// <summary>accepted or overridden.</summary>
    public required string Outcome { get; init; }
    public List<string> AcceptedSuggestions { get; init; } = [];
    public string? OverrideReasonCode { get; init; }
    public string? OverrideComment { get; init; }
    public DateTimeOffset OutcomeAt { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
}

internal sealed class CdsClientConfiguration : IEntityTypeConfiguration<CdsClient>
{
    public void Configure(EntityTypeBuilder<CdsClient> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.Issuer).IsUnique(); // the issuer alone finds the client, before any organisation is known
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Issuer).HasMaxLength(500);
        builder.Property(c => c.JsonWebKeySet).HasMaxLength(20000);
    }
}

internal sealed class CdsJwtUseConfiguration : IEntityTypeConfiguration<CdsJwtUse>
{
    public void Configure(EntityTypeBuilder<CdsJwtUse> builder)
    {
        builder.HasKey(u => new { u.ClientId, u.Jti });
        builder.Property(u => u.Jti).HasMaxLength(200);
        builder.HasIndex(u => u.ExpiresAt);
    }
}

internal sealed class CdsFeedbackConfiguration : IEntityTypeConfiguration<CdsFeedback>
{
    public void Configure(EntityTypeBuilder<CdsFeedback> builder)
    {
        builder.HasKey(f => f.Id);
        builder.HasIndex(f => new { f.OrganizationId, f.ServiceId, f.OutcomeAt });
        builder.Property(f => f.ServiceId).HasMaxLength(64);
        builder.Property(f => f.CardId).HasMaxLength(100);
        builder.Property(f => f.Outcome).HasMaxLength(16);
        builder.Property(f => f.OverrideReasonCode).HasMaxLength(100);
        builder.Property(f => f.OverrideComment).HasMaxLength(1000);
        builder.Property(f => f.AcceptedSuggestions).HasJsonConversion();
    }
}
