using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Billing;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims;

/// <summary>Claims from reviewed visit codes (one visit, or a patient's visits in a period), their holds and their life.</summary>
public sealed class ClaimWorkflow(TactusDbContext db, AccessScope scope, ClaimFactsBuilder facts, TimeProvider time)
{
    /// <summary>At most 12 diagnoses fit the 837P HI segment.</summary>
    public const int MaxDiagnoses = 12;

    /// <summary>One claim from one patient's reviewed visits under one coverage.</summary>
    public async Task<Claim> CreateAsync(IReadOnlyCollection<Guid> codingIds, CancellationToken cancellationToken) =>
        (await CreateManyAsync([codingIds], cancellationToken))[0];

    /// <summary>
    /// Claims for the reviewed visits a biller ticked on the desk: one claim per patient and coverage, all made in
    /// one transaction (every claim or none).
    /// </summary>
    public async Task<IReadOnlyList<Claim>> CreateForVisitsAsync(IReadOnlyCollection<Guid> codingIds, CancellationToken cancellationToken)
    {
        var found = await db.VisitCodings.Where(v => codingIds.Contains(v.Id)).Select(v => new { v.Id, v.PatientId, v.CoverageId, v.ServiceDate })
            .ToAuditedListAsync(db, nameof(VisitCoding), v => v.Id, v => v.PatientId, cancellationToken);
        if (codingIds.Count == 0 || found.Count != codingIds.Distinct().Count())
        {
            throw new DomainRuleException("unknown-visit", "Choose one or more reviewed visits; one or more of these do not exist.", StatusCodes.Status422UnprocessableEntity);
        }

        return await CreateManyAsync([.. found.GroupBy(v => (v.PatientId, v.CoverageId)).Select(g => (IReadOnlyCollection<Guid>)[.. g.OrderBy(v => v.ServiceDate).Select(v => v.Id)])],
            cancellationToken);
    }

    private async Task<IReadOnlyList<Claim>> CreateManyAsync(IReadOnlyList<IReadOnlyCollection<Guid>> groups, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claims = new List<Claim>();
        foreach (var group in groups)
        {
            claims.Add(await BuildAsync(group, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claims;
    }

    private async Task<Claim> BuildAsync(IReadOnlyCollection<Guid> codingIds, CancellationToken cancellationToken)
    {
        var codings = await db.VisitCodings.Where(v => codingIds.Contains(v.Id)).OrderBy(v => v.ServiceDate).ToListAsync(cancellationToken);
        if (codings.Count == 0 || codings.Count != codingIds.Distinct().Count())
        {
            throw new DomainRuleException("unknown-visit", "One or more of these visits do not exist.", StatusCodes.Status404NotFound);
        }

        if (codings.Any(c => c.Status != VisitCodingStatus.Reviewed))
        {
            throw new DomainRuleException("not-reviewed", "Every visit on a claim must have its codes reviewed first, and not be on another claim.");
        }

        if (codings.Select(c => (c.PatientId, c.CoverageId)).Distinct().Count() != 1 || codings[0].CoverageId is null)
        {
            throw new DomainRuleException("mixed-coverage", "A claim is for one patient's visits under one coverage; visits without coverage are self-pay and not claimed.");
        }

        var diagnoses = codings.SelectMany(c => c.Diagnoses).Distinct().ToList();
        if (diagnoses.Count > MaxDiagnoses)
        {
            throw new DomainRuleException("too-many-diagnoses", $"These visits carry {diagnoses.Count} diagnoses; a claim holds {MaxDiagnoses}. Claim fewer visits together.");
        }

        var lines = codings.SelectMany(c => c.Lines.Where(l => l.Billable).Select(l => (Coding: c, Line: l)))
            .Select((x, i) => new ClaimLine(i + 1, x.Coding.Id, x.Coding.ServiceDate, x.Line.Code, x.Line.Modifiers, x.Line.Units, x.Line.Charge,
                x.Line.DiagnosisPointers.Select(p => diagnoses.IndexOf(x.Coding.Diagnoses[p - 1]) + 1).ToList()))
            .ToList();
        var coverage = await db.Coverages.SingleAsync(c => c.Id == codings[0].CoverageId, cancellationToken);
        var referral = await db.Referrals.SingleAsync(r => r.Id == codings[0].ReferralId, cancellationToken);
        var now = time.GetStorageNow();
        var number = await BillingCounters.NextClaimNumberAsync(db, cancellationToken);
        var authorization = (await db.Authorizations.Where(a => a.CoverageId == coverage.Id).ToListAsync(cancellationToken))
            .FirstOrDefault(a => a.Covers(codings[0].ServiceDate) && (a.ReferralId == null || a.ReferralId == referral.Id));
        var replaced = codings.Select(c => c.PreviousClaimId).Distinct().SingleOrDefault() is { } previousId
            ? await db.Claims.SingleOrDefaultAsync(c => c.Id == previousId && c.Status == ClaimStatus.Replaced, cancellationToken)
            : null;
        var claim = new Claim
        {
            ReplacesClaimId = replaced?.Id, ReplacesPayerControlNumber = replaced?.PayerClaimControlNumber,
            OrganizationId = coverage.OrganizationId, PatientId = coverage.PatientId, CoverageId = coverage.Id, PayerId = coverage.PayerId,
            ClaimNumber = $"TC{number}", Lines = lines, Diagnoses = diagnoses, VisitCodingIds = [.. codings.Select(c => c.Id)],
            RenderingTherapistId = codings[0].TherapistId, ReferringClinicianId = referral.ReferringClinicianId,
            AuthorizationNumber = authorization?.Number, PlaceOfService = (await db.BillingProfiles.SingleAsync(cancellationToken)).PlaceOfService,
            FromDate = codings[0].ServiceDate, ToDate = codings[^1].ServiceDate, TotalCharge = lines.Sum(l => l.Charge), CreatedAt = now,
        };
        foreach (var coding in codings)
        {
            coding.MarkClaimed(claim.Id);
        }

        claim.Hold(await facts.HoldsAsync(claim, cancellationToken), scope.UserId, now);
        db.Claims.Add(claim);
        return claim;
    }

    /// <summary>Batches a patient's reviewed visits in a period into one claim per coverage.</summary>
    public async Task<IReadOnlyList<Claim>> CreateForPeriodAsync(Guid patientId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var groups = (await db.VisitCodings
                .Where(v => v.PatientId == patientId && v.Status == VisitCodingStatus.Reviewed && v.CoverageId != null && v.ServiceDate >= from && v.ServiceDate <= to)
                .Select(v => new { v.Id, v.CoverageId }).ToListAsync(cancellationToken))
            .GroupBy(v => v.CoverageId).ToList();
        if (groups.Count == 0)
        {
            throw new DomainRuleException("nothing-to-claim", "This patient has no reviewed, insured visits in that period.", StatusCodes.Status422UnprocessableEntity);
        }

        return await CreateManyAsync([.. groups.Select(g => (IReadOnlyCollection<Guid>)[.. g.Select(v => v.Id)])], cancellationToken);
    }

    /// <summary>Checks a ready or held claim again, after a profile, coverage or authorisation was fixed.</summary>
    public async Task<Claim?> RecheckAsync(Guid claimId, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return null;
        }

        if (claim.Status is not (ClaimStatus.Ready or ClaimStatus.Held))
        {
            throw new DomainRuleException("already-submitted", "Only a claim that has not been submitted is checked again.");
        }

        claim.Hold(await facts.HoldsAsync(claim, cancellationToken), scope.UserId, time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        return claim;
    }

    /// <summary>
    /// After the primary payer has answered, bills what is left to the patient's secondary coverage: the same lines and
    /// charges, with the primary's payments and adjustments attached (coordination of benefits).
    /// </summary>
    public async Task<Claim?> CreateSecondaryAsync(Guid primaryClaimId, CancellationToken cancellationToken)
    {
        var primary = await db.Claims.SingleOrDefaultAsync(c => c.Id == primaryClaimId, cancellationToken);
        if (primary is null)
        {
            return null;
        }

        if (primary.Status is not (ClaimStatus.Paid or ClaimStatus.PartlyPaid or ClaimStatus.Denied) || primary.RemittedAt is null)
        {
            throw new DomainRuleException("not-adjudicated", "Bill the secondary payer once the primary payer's remittance is posted.");
        }

        if (primary.PrimaryClaimId is not null)
        {
            throw new DomainRuleException("already-secondary", "This claim already went to a secondary payer; Tactus bills two payers, not a third.");
        }

        if (await db.Claims.AnyAsync(c => c.PrimaryClaimId == primary.Id && c.Status != ClaimStatus.WrittenOff && c.Status != ClaimStatus.Replaced, cancellationToken))
        {
            throw new DomainRuleException("secondary-exists", "A secondary claim for this one already exists.");
        }

        var secondary = (await db.Coverages.Where(c => c.PatientId == primary.PatientId && c.Id != primary.CoverageId).ToListAsync(cancellationToken))
            .Where(c => c.Priority == CoveragePriority.Secondary && c.ActiveOn(primary.FromDate) && c.ActiveOn(primary.ToDate)).FirstOrDefault()
            ?? throw new DomainRuleException("no-secondary", "The patient has no secondary coverage active on these dates.", StatusCodes.Status422UnprocessableEntity);
        var now = time.GetStorageNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var number = await BillingCounters.NextClaimNumberAsync(db, cancellationToken);
        var claim = new Claim
        {
            OrganizationId = primary.OrganizationId, PatientId = primary.PatientId, CoverageId = secondary.Id, PayerId = secondary.PayerId,
            ClaimNumber = $"TC{number}", PrimaryClaimId = primary.Id, VisitCodingIds = primary.VisitCodingIds, Diagnoses = primary.Diagnoses,
            Lines = [.. primary.Lines.Select(l => new ClaimLine(l.LineNumber, l.VisitCodingId, l.ServiceDate, l.Code, l.Modifiers, l.Units, l.Charge, l.DiagnosisPointers))],
            RenderingTherapistId = primary.RenderingTherapistId, ReferringClinicianId = primary.ReferringClinicianId, PlaceOfService = primary.PlaceOfService,
            FromDate = primary.FromDate, ToDate = primary.ToDate, TotalCharge = primary.TotalCharge, CreatedAt = now,
        };
        claim.Hold(await facts.HoldsAsync(claim, cancellationToken), scope.UserId, now);
        db.Claims.Add(claim);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    /// <summary>
    /// Sends an adjudicated claim back for correction: its visits return to review (adjust the codes, review again), and the
    /// next claim made from them is a replacement (frequency 7) naming the payer's control number of this one.
    /// </summary>
    public async Task<Claim?> CorrectAsync(Guid claimId, string? reason, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return null;
        }

        claim.Replace(reason ?? "", scope.UserId ?? throw new DomainRuleException("forbidden", "Sign in to correct a claim.", 403), time.GetStorageNow());
        foreach (var coding in await db.VisitCodings.Where(v => claim.VisitCodingIds.Contains(v.Id)).ToListAsync(cancellationToken))
        {
            coding.Release();
        }

        await db.SaveChangesAsync(cancellationToken);
        return claim;
    }

    public async Task<Claim?> ChangeAsync(Guid claimId, string action, string? reason, CancellationToken cancellationToken)
    {
        var claim = await db.Claims.SingleOrDefaultAsync(c => c.Id == claimId, cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var by = scope.UserId ?? throw new DomainRuleException("forbidden", "Sign in to change a claim.", 403);
        var now = time.GetStorageNow();
        switch (action)
        {
            case "appeal": claim.Appeal(reason ?? "", by, now); break;
            case "write-off": claim.WriteOff(reason ?? "", by, now); break;
            case "accepted": claim.MarkAccepted(by, now); break;
            default: throw new DomainRuleException("unknown-action", "The action is appeal, write-off or accepted.", StatusCodes.Status422UnprocessableEntity);
        }

        await db.SaveChangesAsync(cancellationToken);
        return claim;
    }
}
