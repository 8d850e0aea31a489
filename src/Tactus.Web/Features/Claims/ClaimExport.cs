using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Claims.X12;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims;

/// <summary>What an export produced: the batch, and the claims that were held at the last check instead.</summary>
public sealed record ExportResult(ClaimBatch Batch, IReadOnlyList<Claim> Held);

/// <summary>
/// Exports ready claims as one 837P interchange. Holds are checked again first (something may have changed since
/// the claim was made); only claims still ready go in. The control number, the stored file and every claim's
/// move to Submitted commit together or not at all.
/// </summary>
public sealed class ClaimExport(TactusDbContext db, AccessScope scope, ClaimFactsBuilder facts, TimeProvider time)
{
    public const int MaxClaimsPerBatch = 500;

    public async Task<ExportResult> ExportAsync(IReadOnlyCollection<Guid>? claimIds, CancellationToken cancellationToken)
    {
        var by = scope.UserId ?? throw new DomainRuleException("forbidden", "Sign in to export claims.", 403);
        var query = db.Claims.Where(c => c.Status == ClaimStatus.Ready);
        if (claimIds is { Count: > 0 })
        {
            query = query.Where(c => claimIds.Contains(c.Id));
        }

        var claims = await query.OrderBy(c => c.ClaimNumber).Take(MaxClaimsPerBatch).ToListAsync(cancellationToken);
        var profile = await db.BillingProfiles.SingleOrDefaultAsync(cancellationToken)
            ?? throw new DomainRuleException("no-billing-profile", "Set up the organisation's billing profile first.");
        var now = time.GetStorageNow();
        var held = new List<Claim>();
        var documents = new List<ClaimDocument>();
        var loaded = await facts.LoadAsync(claims, cancellationToken);
        foreach (var claim in claims)
        {
            claim.Hold(await facts.HoldsAsync(claim, loaded, cancellationToken), by, now);
            if (claim.Status == ClaimStatus.Held)
            {
                held.Add(claim);
                continue;
            }

            documents.Add(await facts.DocumentAsync(claim, loaded, cancellationToken));
        }

        if (documents.Count == 0)
        {
            await db.SaveChangesAsync(cancellationToken); // keep the new hold reasons
            throw new DomainRuleException("nothing-ready", held.Count > 0
                ? $"No claim is ready: {held.Count} were held at the last check. See the held work-list for the reasons."
                : "No claim is ready to export.");
        }

        var separators = new X12Separators(profile.ElementSeparator, profile.ComponentSeparator, profile.RepetitionSeparator, profile.SegmentTerminator);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var control = await BillingCounters.NextInterchangeControlNumberAsync(db, cancellationToken);
        var content = Claim837Writer.Write(
            new InterchangeHeader(profile.SubmitterId, profile.ReceiverId, control, now.UtcDateTime, profile.UsageIndicator, separators),
            ClaimFactsBuilder.ProviderOf(profile),
            documents);
        var exported = claims.Except(held).ToList();
        var batch = new ClaimBatch
        {
            OrganizationId = profile.OrganizationId, InterchangeControlNumber = control, CreatedAt = now, CreatedById = by,
            ClaimIds = [.. exported.Select(c => c.Id)], ClaimCount = exported.Count, TotalCharge = exported.Sum(c => c.TotalCharge), Content = content,
        };
        db.ClaimBatches.Add(batch);
        foreach (var claim in exported)
        {
            claim.Submit(batch.Id, by, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ExportResult(batch, held);
    }
}
