using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>
/// A single-use, expiring link a patient opens on their own device, without an account, to complete
/// questionnaires. Only a SHA-256 of the token is stored; the token itself is shown once to staff.
/// </summary>
public sealed class MeasureInvitation : IOrganizationOwned, IPatientData
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(72);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public required string TokenHash { get; init; }
    public List<string> Instruments { get; init; } = [];
    public Guid CreatedById { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; private set; }

    public static string NewToken() => Web.SecretTokens.New();

    public static string Hash(string token) => Web.SecretTokens.Hash(token);

    /// <summary>Why the link cannot be used now, or null when it can.</summary>
    public string? Unusable(DateTimeOffset now) =>
        UsedAt is not null ? "This link has already been used. Ask your care team for a new one if you need it."
        : now > ExpiresAt ? "This link has expired. Ask your care team for a new one."
        : null;

    public void MarkUsed(DateTimeOffset at) => UsedAt = at;
}
