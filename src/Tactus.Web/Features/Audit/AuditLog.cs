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

    /// <summary>Writes the reads this request gathered; returns once they are durable.</summary>
    public Task FlushReadsAsync(ReadAuditBuffer buffer)
    {
        var reads = buffer.Drain();
        if (reads.Count == 0)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        return writer.WriteAsync(reads.Select(r => new AuditRecord(now, scope.OrganizationId, scope.UserId, scope.Actor,
            scope.Role, AuditActions.Read, r.EntityType, r.EntityId.ToString(), r.PatientId, scope.IpAddress,
            AuditOutcomes.Success)).ToList());
    }
}
