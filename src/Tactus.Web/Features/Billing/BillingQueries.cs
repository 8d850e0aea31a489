using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Claims;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

public sealed record VisitToReview(Guid Id, Guid PatientId, string PatientName, DateOnly ServiceDate, string? PayerName, decimal Charge, int Warnings, string Codes);

public sealed record ClaimRow(Guid Id, string ClaimNumber, Guid PatientId, string PatientName, string PayerName, ClaimStatus Status, DateOnly FromDate,
    decimal TotalCharge, decimal Paid, decimal Outstanding, DateTimeOffset? SubmittedAt, IReadOnlyList<string> Reasons);

public sealed record AgingBucket(string Label, int Claims, decimal Outstanding);

public sealed record PayerTotals(string PayerName, int Claims, decimal Charged, decimal Paid, decimal PatientResponsibility, decimal Adjusted, decimal Outstanding);

public sealed record PatientOwing(Guid PatientId, string PatientName, decimal Balance);

/// <summary>Which page of each of the desk's lists the biller is on (query string: review, claim, ready, held, awaiting, denied, owing, auths).</summary>
public sealed record DeskPages(int Review = 1, int ToClaim = 1, int Ready = 1, int Held = 1, int Awaiting = 1, int Denied = 1, int Owing = 1, int Authorizations = 1);

/// <param name="ToClaim">Visits whose codes are reviewed but on no claim yet: the biller makes claims for several at once.</param>
/// <param name="Owing">Patients with a balance on their statement, largest first.</param>
public sealed record BillingOverview(PagedList<VisitToReview> ToReview, PagedList<ClaimRow> Ready, PagedList<ClaimRow> Held,
    PagedList<ClaimRow> AwaitingResponse, PagedList<ClaimRow> Denied, IReadOnlyList<AgingBucket> Aging, IReadOnlyList<PayerTotals> ByPayer,
    PagedList<AuthorizationView> AuthorizationsRunningOut, PagedList<VisitToReview> ToClaim, PagedList<PatientOwing> Owing);

/// <summary>
/// The biller's work-lists, aging and totals. Each list is sorted, counted and cut to one page by the database; the aging
/// buckets and payer totals are SQL sums over whole cents (Claim.*Cents), so the desk reads one page per list whatever
/// the size of the organisation's books.
/// </summary>
public sealed class BillingQueries(TactusDbContext db, BillingReference reference, CoverageWorkflow coverage, TimeProvider time)
{
    public const int PageSize = 50;

    public static readonly (string Label, int From, int To)[] AgingBands = [("0–30 days", 0, 30), ("31–60 days", 31, 60), ("61–90 days", 61, 90), ("91–120 days", 91, 120), ("over 120 days", 121, int.MaxValue)];

    public async Task<BillingOverview> OverviewAsync(DeskPages pages, CancellationToken cancellationToken)
    {
        var payers = await db.Payers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var toReview = await VisitsAsync(VisitCodingStatus.ToReview, pages.Review, cancellationToken);
        var toClaim = await VisitsAsync(VisitCodingStatus.Reviewed, pages.ToClaim, cancellationToken);
        var ready = await ClaimsAsync(db.Claims.Where(c => c.Status == ClaimStatus.Ready).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id), pages.Ready, cancellationToken);
        var held = await ClaimsAsync(db.Claims.Where(c => c.Status == ClaimStatus.Held).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id), pages.Held, cancellationToken);
        var awaiting = await ClaimsAsync(db.Claims.Where(c => c.Status == ClaimStatus.Submitted || c.Status == ClaimStatus.Accepted || c.Status == ClaimStatus.Appealed)
            .OrderBy(c => c.SubmittedAt).ThenBy(c => c.Id), pages.Awaiting, cancellationToken);
        var denied = await ClaimsAsync(db.Claims.Where(c => c.Status == ClaimStatus.Denied || c.Status == ClaimStatus.PartlyPaid)
            .OrderBy(c => c.RemittedAt).ThenBy(c => c.Id), pages.Denied, cancellationToken);
        var owing = await Paging.ReadPageAsync(db.PatientAccounts.AsNoTracking().Where(a => a.BalanceCents > 0)
            .OrderByDescending(a => a.BalanceCents).ThenBy(a => a.PatientId), pages.Owing, PageSize, cancellationToken);

        var patientIds = toReview.Rows.Concat(toClaim.Rows).Select(v => v.PatientId)
            .Concat(new[] { ready, held, awaiting, denied }.SelectMany(l => l.Rows).Select(c => c.PatientId))
            .Concat(owing.Rows.Select(a => a.PatientId)).Distinct().ToList();
        var names = await Patients.PatientNames.ForAsync(db, patientIds, cancellationToken);
        string Name(Guid patientId) => names.GetValueOrDefault(patientId, "?");
        VisitToReview Visit(VisitCoding v) => new(v.Id, v.PatientId, Name(v.PatientId), v.ServiceDate, v.PayerId is { } p ? payers.GetValueOrDefault(p) : null,
            v.TotalCharge, v.Warnings.Count, string.Join(", ", v.Lines.Where(l => l.Billable).Select(l => $"{l.Code}×{l.Units}")));
        ClaimRow Row(Claim c, IReadOnlyList<string> reasons) => new(c.Id, c.ClaimNumber, c.PatientId, Name(c.PatientId),
            payers.GetValueOrDefault(c.PayerId, "?"), c.Status, c.FromDate, c.TotalCharge, c.Paid, c.Outstanding, c.SubmittedAt, reasons);

        return new BillingOverview(toReview.Map(Visit), ready.Map(c => Row(c, [])), held.Map(c => Row(c, c.HoldReasons)), awaiting.Map(c => Row(c, [])),
            denied.Map(c => Row(c, DenialReasons(c))), await AgingAsync(cancellationToken), await ByPayerAsync(payers, cancellationToken),
            await coverage.RunningOutAsync(pages.Authorizations, PageSize, cancellationToken), toClaim.Map(Visit),
            owing.Map(a => new PatientOwing(a.PatientId, Name(a.PatientId), a.Balance)));
    }

    private Task<PagedList<VisitCoding>> VisitsAsync(VisitCodingStatus status, int page, CancellationToken cancellationToken) =>
        Paging.ReadPageAsync(db.VisitCodings.AsNoTracking().Where(v => v.Status == status).OrderBy(v => v.ServiceDate).ThenBy(v => v.Id), page, PageSize, cancellationToken);

    private Task<PagedList<Claim>> ClaimsAsync(IQueryable<Claim> ordered, int page, CancellationToken cancellationToken) =>
        Paging.ReadPageAsync(ordered.AsNoTracking(), page, PageSize, cancellationToken);

    /// <summary>Unpaid submitted claims by days since submission: one grouped SUM. A claim is in the band of its whole days since it was sent.</summary>
    private async Task<IReadOnlyList<AgingBucket>> AgingAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Whole days since submission ≥ From  ⟺  SubmittedAt ≤ now − From days; ≤ To  ⟺  SubmittedAt > now − (To + 1) days.
        var after31 = now.AddDays(-31);
        var after61 = now.AddDays(-61);
        var after91 = now.AddDays(-91);
        var after121 = now.AddDays(-121);
        var sums = await db.Claims.AsNoTracking()
            .Where(c => c.Status != ClaimStatus.Paid && c.Status != ClaimStatus.WrittenOff && c.Status != ClaimStatus.Replaced
                && c.SubmittedAt != null && c.SubmittedAt <= now && c.OutstandingCents > 0)
            .GroupBy(c => c.SubmittedAt > after31 ? 0 : c.SubmittedAt > after61 ? 1 : c.SubmittedAt > after91 ? 2 : c.SubmittedAt > after121 ? 3 : 4)
            .Select(g => new { Band = g.Key, Claims = g.Count(), Cents = g.Sum(c => c.OutstandingCents) })
            .TagWith(Audit.ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);
        return [.. AgingBands.Select((b, i) => sums.FirstOrDefault(s => s.Band == i) is { } s
            ? new AgingBucket(b.Label, s.Claims, Cents.ToAmount(s.Cents))
            : new AgingBucket(b.Label, 0, 0))];
    }

    /// <summary>Totals of claims with service this calendar year, per payer: SQL sums, so the desk stays one read however many claims there are.</summary>
    private async Task<IReadOnlyList<PayerTotals>> ByPayerAsync(Dictionary<Guid, string> payers, CancellationToken cancellationToken)
    {
        var yearStart = new DateOnly(time.GetUtcNow().Year, 1, 1);
        var sums = await db.Claims.AsNoTracking()
            .Where(c => c.Status != ClaimStatus.Ready && c.Status != ClaimStatus.Held && c.Status != ClaimStatus.Replaced && c.FromDate >= yearStart)
            .GroupBy(c => c.PayerId)
            .Select(g => new
            {
                PayerId = g.Key,
                Claims = g.Count(),
                Charged = g.Sum(c => c.TotalChargeCents),
                Paid = g.Sum(c => c.PaidCents),
                Patient = g.Sum(c => c.PatientResponsibilityCents),
                Adjusted = g.Sum(c => c.AdjustedCents),
                Outstanding = g.Sum(c => c.Status == ClaimStatus.WrittenOff ? 0 : c.OutstandingCents),
            })
            .TagWith(Audit.ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);
        return [.. sums.Select(s => new PayerTotals(payers.GetValueOrDefault(s.PayerId, "?"), s.Claims, Cents.ToAmount(s.Charged), Cents.ToAmount(s.Paid),
                Cents.ToAmount(s.Patient), Cents.ToAmount(s.Adjusted), Cents.ToAmount(s.Outstanding)))
            .OrderBy(p => p.PayerName, StringComparer.Ordinal)];
    }

    /// <summary>Each denied line with its adjustment and remark codes in words (Reference/Billing/adjustment-reasons.json).</summary>
    public IReadOnlyList<string> DenialReasons(Claim claim) =>
        [.. claim.Lines.Where(l => l.Denied).Select(l => $"{l.Code} on {l.ServiceDate:d MMM yyyy}: "
            + string.Join("; ", l.Adjustments.Where(a => a.Group != "PR").Select(a => reference.DescribeAdjustment(a.Group, a.Reason))
                .Concat(l.Remarks.Select(reference.DescribeRemark))))];
}
