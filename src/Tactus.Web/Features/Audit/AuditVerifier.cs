using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Audit;

/// <summary>Streams the whole chain from the store in sequence order and verifies it.</summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(TactusDbContext db, CancellationToken cancellationToken = default)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(cancellationToken);
        var entries = db.AuditEntries.IgnoreQueryFilters().AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        var buffered = new List<AuditEntry>();
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            buffered.Add(entry);
        }

        return AuditChain.Verify(buffered, head.LastSequence, head.LastHash);
    }
}
