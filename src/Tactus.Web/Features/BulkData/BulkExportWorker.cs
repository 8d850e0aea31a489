using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Fhir;

namespace Tactus.Web.Features.BulkData;

/// <summary>
/// Runs bulk exports one at a time, outside the requests that asked for them. A job is claimed with a lease, so a
/// second instance does not run it too and a job whose instance stopped is taken up again (from the start) once the
/// lease lapses. Each run reads as the account that asked, writes NDJSON in parts of at most
/// <see cref="ResourcesPerPart"/> lines (memory stays flat whatever the clinic's size), and makes each part's reads
/// durable in the audit before the part is stored. Expired exports are deleted here too.
/// </summary>
public sealed class BulkExportWorker(IServiceScopeFactory scopes, TimeProvider time, ILogger<BulkExportWorker> logger) : BackgroundService
{
    public const int ResourcesPerPart = 1000;

    /// <summary>How long a manifest's files stay downloadable after the export completes.</summary>
    public static readonly TimeSpan FilesKeptFor = TimeSpan.FromHours(1);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>A new job was accepted: look now rather than at the next poll.</summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeleteExpiredAsync(stoppingToken);
                while (await ClaimAsync(stoppingToken) is { } job)
                {
                    await RunAsync(job, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The bulk export worker failed; it tries again at the next poll.");
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(Poll);
            try
            {
                await _wake.Reader.ReadAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // the poll interval passed
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<BulkExportJob?> ClaimAsync(CancellationToken ct)
    {
        await using var scope = SystemScope(out var db);
        var now = time.GetUtcNow();
        var candidates = await db.BulkExportJobs.AsNoTracking()
            .Where(j => j.Status == BulkExportStatus.Accepted || (j.Status == BulkExportStatus.Running && j.LeaseUntil < now))
            .OrderBy(j => j.Id).Select(j => j.Id).Take(5).ToListAsync(ct);
        foreach (var id in candidates)
        {
            // Only one instance's update matches: the claim.
            var claimed = await db.BulkExportJobs
                .Where(j => j.Id == id && (j.Status == BulkExportStatus.Accepted || (j.Status == BulkExportStatus.Running && j.LeaseUntil < now)))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BulkExportStatus.Running).SetProperty(j => j.LeaseUntil, now + Lease).SetProperty(j => j.Exported, 0), ct);
            if (claimed == 1)
            {
                return await db.BulkExportJobs.AsNoTracking().SingleAsync(j => j.Id == id, ct);
            }
        }

        return null;
    }

    private async Task RunAsync(BulkExportJob job, CancellationToken ct)
    {
        try
        {
            await using (var scope = SystemScope(out var db))
            {
                await db.BulkExportParts.Where(p => p.JobId == job.Id).ExecuteDeleteAsync(ct); // a run taken up again starts afresh
            }

            var files = new List<BulkExportFile>();
            var exported = 0;
            foreach (var type in job.Types)
            {
                if (await ExportTypeAsync(job, type, exported, ct) is not { } file)
                {
                    return; // cancelled by the client
                }

                exported += file.Count;
                if (file.Count > 0)
                {
                    files.Add(file);
                }
            }

            await using (var scope = SystemScope(out var db))
            {
                var now = time.GetUtcNow();
                var finished = await db.BulkExportJobs.Where(j => j.Id == job.Id && j.Status == BulkExportStatus.Running)
                    .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BulkExportStatus.Complete).SetProperty(j => j.CompletedAt, now)
                        .SetProperty(j => j.ExpiresAt, now + FilesKeptFor).SetProperty(j => j.Exported, exported)
                        .SetProperty(j => j.Files, files), ct);
                logger.LogInformation("Bulk export {Job} finished: {Count} resources in {Files} files.", job.Id, exported, files.Count);
                _ = finished;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Bulk export {Job} failed.", job.Id);
            await using var scope = SystemScope(out var db);
            await db.BulkExportParts.Where(p => p.JobId == job.Id).ExecuteDeleteAsync(CancellationToken.None);
            await db.BulkExportJobs.Where(j => j.Id == job.Id && j.Status == BulkExportStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BulkExportStatus.Failed)
                    .SetProperty(j => j.Error, "The export could not be completed; ask again. The server's log has the cause."), CancellationToken.None);
        }
    }

    /// <summary>One type's file, written in parts; null when the client cancelled the export meanwhile.</summary>
    private async Task<BulkExportFile?> ExportTypeAsync(BulkExportJob job, string type, int exportedBefore, CancellationToken ct)
    {
        await using var readScope = scopes.CreateAsyncScope();
        readScope.ServiceProvider.GetRequiredService<AccessScope>().UseAccount(job.OrganizationId, job.AccountId, job.AccountName, job.Role);
        var resources = readScope.ServiceProvider.GetRequiredService<BulkExportResources>();
        var reads = readScope.ServiceProvider.GetRequiredService<ReadAuditBuffer>();
        var audit = readScope.ServiceProvider.GetRequiredService<AuditLog>();
        var root = job.RequestUrl[..Math.Max(0, job.RequestUrl.IndexOf("/fhir", StringComparison.Ordinal))];

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var part = new MemoryStream();
        var count = 0;
        var inPart = 0;
        var sequence = 0;
        await foreach (var resource in resources.StreamAsync(job, type, root, ct))
        {
            JsonSerializer.Serialize(part, resource, FhirResult.Compact);
            part.WriteByte((byte)'\n');
            count++;
            if (++inPart == ResourcesPerPart)
            {
                if (!await StorePartAsync())
                {
                    return null;
                }
            }
        }

        if (inPart > 0 && !await StorePartAsync())
        {
            return null;
        }

        await audit.FlushReadsAsync(reads); // rows read but not exported (none today) are still audited
        return new BulkExportFile(type, count, Convert.ToHexStringLower(hash.GetHashAndReset()));

        async Task<bool> StorePartAsync()
        {
            // The part's reads are durable in the audit before the part exists, so nothing is downloadable unaudited.
            await audit.FlushReadsAsync(reads);
            var content = part.ToArray();
            hash.AppendData(content);
            await using var writeScope = SystemScope(out var db);
            var now = time.GetUtcNow();
            var running = await db.BulkExportJobs.Where(j => j.Id == job.Id && j.Status == BulkExportStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, now + Lease).SetProperty(j => j.Exported, exportedBefore + count), ct);
            if (running == 0)
            {
                return false;
            }

            db.BulkExportParts.Add(new BulkExportPart
            {
                OrganizationId = job.OrganizationId, JobId = job.Id, ResourceType = type, Sequence = sequence++, Count = inPart, Content = content,
            });
            await db.SaveChangesAsync(ct);
            part.SetLength(0);
            inPart = 0;
            return true;
        }
    }

    private async Task DeleteExpiredAsync(CancellationToken ct)
    {
        await using var scope = SystemScope(out var db);
        var now = time.GetUtcNow();
        var expired = await db.BulkExportJobs.Where(j => j.Status == BulkExportStatus.Complete && j.ExpiresAt < now).Select(j => j.Id).Take(100).ToListAsync(ct);
        if (expired.Count == 0)
        {
            return;
        }

        await db.BulkExportParts.Where(p => expired.Contains(p.JobId)).ExecuteDeleteAsync(ct);
        await db.BulkExportJobs.Where(j => expired.Contains(j.Id)).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BulkExportStatus.Expired), ct);
    }

    private AsyncServiceScope SystemScope(out TactusDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("bulk-export");
        db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        return scope;
    }
}
