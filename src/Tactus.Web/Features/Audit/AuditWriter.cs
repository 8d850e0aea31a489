using System.Threading.Channels;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// Writes audit events that are not part of a data change (reads, sign-ins) with group commit:
/// callers enqueue and await; one loop takes everything waiting, appends it to the chain in one
/// transaction and releases all callers together. Many concurrent reads cost one write, and no
/// caller proceeds before its entry is durable (docs/decisions/003-audit-group-commit.md).
/// </summary>
public sealed class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger) : BackgroundService
{
    private const int MaxEntriesPerBatch = 2000;

    private readonly Channel<PendingAudit> _queue =
        Channel.CreateUnbounded<PendingAudit>(new UnboundedChannelOptions { SingleReader = true });

    private long _batchesWritten;
    private long _entriesWritten;

    public long BatchesWritten => Interlocked.Read(ref _batchesWritten);
    public long EntriesWritten => Interlocked.Read(ref _entriesWritten);

    /// <summary>Completes once the records are committed; faults if they could not be.</summary>
    public Task WriteAsync(IReadOnlyList<AuditRecord> records)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        var pending = new PendingAudit(records, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("The audit writer has stopped; nothing can be read or written without audit.");
        }

        return pending.Completion.Task;
    }

    public Task WriteAsync(AuditRecord record) => WriteAsync([record]);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain what is queued before the host stops: those callers are waiting for durability.
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingAudit>();
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            var entries = 0;
            while (entries < MaxEntriesPerBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                entries += pending.Records.Count;
            }

            try
            {
                await WriteBatchAsync(batch);
                Interlocked.Increment(ref _batchesWritten);
                Interlocked.Add(ref _entriesWritten, entries);
                batch.ForEach(p => p.Completion.TrySetResult());
            }
            catch (Exception exception)
            {
                logger.LogError(exception, "Writing {Count} audit entries failed; their requests fail with them", entries);
                batch.ForEach(p => p.Completion.TrySetException(exception));
            }
        }
    }

    private async Task WriteBatchAsync(List<PendingAudit> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("audit-writer");
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await AuditAppender.AppendAsync(db, batch.SelectMany(p => p.Records).ToList(), CancellationToken.None);
        await transaction.CommitAsync();
    }

    private sealed record PendingAudit(IReadOnlyList<AuditRecord> Records, TaskCompletionSource Completion);
}
