using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Claims;

/// <summary>A claim file as it is handed out: the stored 837P of a batch, or one claim's CMS-1500 paper copy. For the API and the billing pages alike.</summary>
public sealed record ClaimFile(byte[] Content, string ContentType, string FileName);

public sealed class ClaimFiles(TactusDbContext db, ClaimFactsBuilder facts, AuditLog audit, TimeProvider time)
{
    /// <summary>The claim in CMS-1500 box order as a PDF (ClaimPdf); null when the claim or the billing profile is missing.</summary>
    public async Task<ClaimFile?> PaperCopyAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } claim
            || await facts.ProviderAsync(cancellationToken) is not { } provider)
        {
            return null;
        }

        var document = await facts.DocumentAsync(claim, cancellationToken);
        return new ClaimFile(ClaimPdf.Render(document, provider, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)), "application/pdf", ClaimPdf.FileName(document));
    }

    /// <summary>The stored interchange, byte for byte. It holds several patients' data, so the download is audited before it is sent.</summary>
    public async Task<ClaimFile?> BatchAsync(Guid id, CancellationToken cancellationToken)
    {
        var batch = await db.ClaimBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null)
        {
            return null;
        }

        await audit.RecordAsync(AuditActions.Read, AuditOutcomes.Success, nameof(ClaimBatch), batch.Id.ToString(), detail: $"837P download, {batch.ClaimCount} claims");
        return new ClaimFile(System.Text.Encoding.ASCII.GetBytes(batch.Content), "application/edi-x12", batch.FileName);
    }
}
