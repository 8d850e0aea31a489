namespace Tactus.Web.Features.Audit;

/// <summary>
/// The patient-data rows one request has read, gathered as queries materialise them and
/// written to the audit chain before the response starts (ReadAuditMiddleware).
/// </summary>
public sealed class ReadAuditBuffer
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Type, Guid Id), Guid> _pending = [];

    public void Add(string entityType, Guid entityId, Guid patientId)
    {
        lock (_gate)
        {
            _pending.TryAdd((entityType, entityId), patientId);
        }
    }

    public IReadOnlyList<(string EntityType, Guid EntityId, Guid PatientId)> Drain()
    {
        lock (_gate)
        {
            var drained = _pending.Select(p => (p.Key.Type, p.Key.Id, p.Value)).ToList();
            _pending.Clear();
            return drained;
        }
    }
}
