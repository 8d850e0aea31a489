using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// Signs where every chain that moved stands, every <c>Audit:CheckpointMinutes</c> (default 5).
/// A rewrite of entries older than the newest checkpoint is caught even when the head was
/// rewritten too; entries newer than it are protected by the hash chain and the head alone.
/// </summary>
public sealed class AuditCheckpointWriter(IServiceScopeFactory scopes, IConfiguration configuration,
    ILogger<AuditCheckpointWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Audit:CheckpointMinutes", 5.0);
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("audit-checkpoint");
                    await WriteAsync(scope.ServiceProvider.GetRequiredService<TactusDbContext>(),
                        scope.ServiceProvider.GetRequiredService<AuditCheckpointKey>(),
                        scope.ServiceProvider.GetRequiredService<TimeProvider>(), stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogError(exception, "Writing audit checkpoints failed; the next tick tries again");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Signs the current end of each chain that has moved since its newest checkpoint.</summary>
    public static async Task<int> WriteAsync(TactusDbContext db, AuditCheckpointKey key, TimeProvider time,
        CancellationToken cancellationToken = default)
    {
        var moved = await db.AuditChainHeads.AsNoTracking()
            .Where(h => h.LastSequence > h.StartSequence
                        && !db.AuditCheckpoints.Any(c => c.ChainId == h.ChainId && c.Sequence >= h.LastSequence))
            .Select(h => new { h.ChainId, h.LastSequence, h.LastHash })
            .ToListAsync(cancellationToken);
        var now = AuditChain.Normalize(time.GetUtcNow());
        db.AuditCheckpoints.AddRange(moved.Select(h => new AuditCheckpoint
        {
            ChainId = h.ChainId,
            Sequence = h.LastSequence,
            Hash = h.LastHash,
            CreatedAt = now,
            Signature = key.Sign(h.ChainId, h.LastSequence, h.LastHash, now),
        }));
        await db.SaveChangesAsync(cancellationToken);
        return moved.Count;
    }
}
