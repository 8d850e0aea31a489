using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Audit;

/// <summary>Records events that are not data changes, as the current principal, through the group writer.</summary>
public sealed class AuditLog(AuditWriter writer, AccessScope scope, TimeProvider time)
{
    public Task RecordAsync(string action, string outcome, string? entityType = null, string? entityId = null,
        Guid? patientId = null, string? detail = null) =>
        writer.WriteAsync(new AuditRecord(time.GetUtcNow(), scope.OrganizationId, scope.UserId, scope.Actor, scope.Role,
            action, entityType, entityId, patientId, scope.IpAddress, outcome, detail));

    /// <summary>For events about a user who is not (yet) the principal, such as a failed sign-in.</summary>
    public Task RecordForUserAsync(string action, string outcome, Guid? organizationId, Guid? userId, string actor,
        string? role, string? detail = null) =>
        writer.WriteAsync(new AuditRecord(time.GetUtcNow(), organizationId, userId, actor, role, action,
            "User", userId?.ToString(), null, scope.IpAddress, outcome, detail));

    /// <summary>
    /// Writes the reads this request gathered; returns once they are durable. One entry per patient
    /// and kind of record, naming the records read (a record page that shows forty sessions writes
    /// one "TreatmentSession" entry, not forty), so the audit grows with what people look at.
    /// </summary>
    public Task FlushReadsAsync(ReadAuditBuffer buffer)
    {
        var reads = buffer.Drain();
        if (reads.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        var records = new List<AuditRecord>();
        foreach (var group in reads.GroupBy(r => (r.PatientId, r.EntityType)))
        {
            foreach (var chunk in group.Select(r => r.EntityId).Order().Chunk(ReadIdsPerEntry))
            {
                var single = chunk.Length == 1 && group.Count() == 1;
                records.Add(new AuditRecord(now, scope.OrganizationId, scope.UserId, scope.Actor, scope.Role, AuditActions.Read,
                    group.Key.EntityType, single ? chunk[0].ToString() : null, group.Key.PatientId, scope.IpAddress,
                    AuditOutcomes.Success, single ? null : ReadIdsPrefix + string.Join(',', chunk)));
            }
        }

        return writer.WriteAsync(records);
    }

    /// <summary>Detail holds at most 1,000 characters: "ids: " and 26 ids of 36 characters with commas.</summary>
    public const int ReadIdsPerEntry = 26;

    public const string ReadIdsPrefix = "ids: ";
}
