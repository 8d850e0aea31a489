using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// The hash chain over audit entries, pure (no database): each entry's hash is SHA-256 over
/// its predecessor's hash and its own fields, length-prefixed so no two field lists collide.
/// ONC §170.315(d)(2) asks that alteration of the log be detected; SR-14.
/// </summary>
[PureEngine]
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Timestamps are kept to the microsecond so both stores return exactly what was hashed.</summary>
    public static DateTimeOffset Normalize(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % 10), TimeSpan.Zero);
    }

    public static AuditEntry Seal(AuditRecord record, long sequence, string previousHash)
    {
        var occurredAt = Normalize(record.OccurredAt);
        var hash = ComputeHash(sequence, occurredAt, record.OrganizationId, record.UserId, record.Actor, record.Role,
            record.Action, record.EntityType, record.EntityId, record.PatientId, record.IpAddress, record.Outcome,
            record.Detail, previousHash);
        return new AuditEntry
        {
            ChainId = AuditChainHead.ChainOf(record.OrganizationId),
            Sequence = sequence,
            OccurredAt = occurredAt,
            OrganizationId = record.OrganizationId,
            UserId = record.UserId,
            Actor = record.Actor,
            Role = record.Role,
            Action = record.Action,
            EntityType = record.EntityType,
            EntityId = record.EntityId,
            PatientId = record.PatientId,
            IpAddress = record.IpAddress,
            Outcome = record.Outcome,
            Detail = record.Detail,
            PreviousHash = previousHash,
            Hash = hash,
        };
    }

    public static string ComputeHash(AuditEntry e) =>
        ComputeHash(e.Sequence, e.OccurredAt, e.OrganizationId, e.UserId, e.Actor, e.Role, e.Action, e.EntityType,
            e.EntityId, e.PatientId, e.IpAddress, e.Outcome, e.Detail, e.PreviousHash);

    /// <summary>Verifies a whole chain that starts at genesis (see <see cref="AuditChainWalk"/>).</summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entriesInOrder, long headSequence, string headHash)
    {
        var walk = new AuditChainWalk(0, GenesisHash);
        foreach (var entry in entriesInOrder)
        {
            if (!walk.Accept(entry))
            {
                break;
            }
        }

        return walk.Finish(headSequence, headHash);
    }

    private static string ComputeHash(long sequence, DateTimeOffset occurredAt, Guid? organizationId, Guid? userId,
        string actor, string? role, string action, string? entityType, string? entityId, Guid? patientId,
        string? ipAddress, string outcome, string? detail, string previousHash)
    {
        var builder = new StringBuilder(256);
        Append(builder, previousHash);
        Append(builder, sequence.ToString(CultureInfo.InvariantCulture));
        Append(builder, occurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Append(builder, organizationId?.ToString("N"));
        Append(builder, userId?.ToString("N"));
        Append(builder, actor);
        Append(builder, role);
        Append(builder, action);
        Append(builder, entityType);
        Append(builder, entityId);
        Append(builder, patientId?.ToString("N"));
        Append(builder, ipAddress);
        Append(builder, outcome);
        Append(builder, detail);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    private static void Append(StringBuilder builder, string? value)
    {
        if (value is null)
        {
            builder.Append("-1:");
            return;
        }

        builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
    }
}
