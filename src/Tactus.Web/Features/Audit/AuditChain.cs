using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// The hash chain over audit entries, pure (no database): each entry's hash is SHA-256 over
/// its predecessor's hash and its own fields, length-prefixed so no two field lists collide.
/// ONC §170.315(d)(2) asks that alteration of the log be detected; SR-14.
/// </summary>
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

    /// <summary>
    /// Walks the entries in sequence order and reports the first one that does not follow from
    /// its predecessor, then checks that the chain ends where the head says it does.
    /// </summary>
    public static AuditVerification Verify(IEnumerable<AuditEntry> entriesInOrder, long headSequence, string headHash)
    {
        var expectedPrevious = GenesisHash;
        var expectedSequence = 1L;
        var count = 0L;
        foreach (var entry in entriesInOrder)
        {
            if (entry.Sequence != expectedSequence)
            {
                return AuditVerification.Broken(count, expectedSequence,
                    $"expected entry {expectedSequence} but found {entry.Sequence}: entries were removed or inserted");
            }

            if (entry.PreviousHash != expectedPrevious)
            {
                return AuditVerification.Broken(count, entry.Sequence, "does not link to the entry before it");
            }

            if (ComputeHash(entry) != entry.Hash)
            {
                return AuditVerification.Broken(count, entry.Sequence, "its content does not match its hash: it was altered");
            }

            expectedPrevious = entry.Hash;
            expectedSequence++;
            count++;
        }

        if (count != headSequence || expectedPrevious != headHash)
        {
            return AuditVerification.Broken(count, expectedSequence,
                $"the chain ends at entry {count} but the head records {headSequence}: entries were removed from the end");
        }

        return AuditVerification.Intact(count);
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
