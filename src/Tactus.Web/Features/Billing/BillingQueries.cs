using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Claims;
using Tactus.Web.Features.Coverage;

namespace Tactus.Web.Features.Billing;

public sealed record VisitToReview(Guid Id, Guid PatientId, string PatientName, DateOnly ServiceDate, string? PayerName, decimal Charge, int Warnings, string Codes);

public sealed record ClaimRow(Guid Id, string ClaimNumber, Guid PatientId, string PatientName, string PayerName, ClaimStatus Status, DateOnly FromDate,
    decimal TotalCharge, decimal Paid, decimal Outstanding, DateTimeOffset? SubmittedAt, IReadOnlyList<string> Reasons);

public sealed record AgingBucket(string Label, int Claims, decimal Outstanding);

public sealed record PayerTotals(string PayerName, int Claims, decimal Charged, decimal Paid, decimal PatientResponsibility, decimal Adjusted, decimal Outstanding);

public sealed record PatientOwing(Guid PatientId, string PatientName, decimal Balance);

/// <param name="ToClaim">Visits whose codes are reviewed but on no claim yet: the biller makes claims for several at once.</param>
/// <param name="Owing">Patients with a balance on their statement, largest first (at most 50).</param>
public sealed record BillingOverview(IReadOnlyList<VisitToReview> ToReview, IReadOnlyList<ClaimRow> Ready, IReadOnlyList<ClaimRow> Held,
    IReadOnlyList<ClaimRow> AwaitingResponse, IReadOnlyList<ClaimRow> Denied, IReadOnlyList<AgingBucket> Aging, IReadOnlyList<PayerTotals> ByPayer,
    IReadOnlyList<AuthorizationView> AuthorizationsRunningOut, IReadOnlyList<VisitToReview> ToClaim, IReadOnlyList<PatientOwing> Owing);

/// <summary>
/// The biller's work-lists, aging and totals, from one read of the organisation's open claims. Money is summed
/// in memory: SQLite has no decimal arithmetic, and an organisation's open claims are a bounded set.
/// </summary>
public sealed class BillingQueries(TactusDbContext db, BillingReference reference, CoverageWorkflow coverage, TimeProvider time)
{
    public static readonly (string Label, int From, int To)[] AgingBands = [("0–30 days", 0, 30), ("31–60 days", 31, 60), ("61–90 days", 61, 90), ("91–120 days", 91, 120), ("over 120 days", 121, int.MaxValue)];

    public async Task<BillingOverview> OverviewAsync(CancellationToken cancellationToken)
    {
        var payers = await db.Payers.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var codings = await db.VisitCodings.AsNoTracking().Where(v => v.Status == VisitCodingStatus.ToReview || v.Status == VisitCodingStatus.Reviewed)
            .OrderBy(v => v.ServiceDate).ToListAsync(cancellationToken);
        var owing = await db.PatientAccounts.AsNoTracking().Where(a => a.BalanceCents > 0).OrderByDescending(a => a.BalanceCents).Take(50).ToListAsync(cancellationToken);
        // A replaced claim lives on in its replacement; counting both would double the money.
        var claims = await db.Claims.AsNoTracking().Where(c => c.Status != ClaimStatus.Paid && c.Status != ClaimStatus.WrittenOff && c.Status != ClaimStatus.Replaced)
            .OrderBy(c => c.ClaimNumber).ToListAsync(cancellationToken);
        var patientIds = codings.Select(v => v.PatientId).Concat(claims.Select(c => c.PatientId)).Concat(owing.Select(a => a.PatientId)).Distinct().ToList();
        var names = await Patients.PatientNames.ForAsync(db, patientIds, cancellationToken);
        var rows = codings
            .Select(v => (v.Status, Row: new VisitToReview(v.Id, v.PatientId, names.GetValueOrDefault(v.PatientId, "?"), v.ServiceDate,
                v.PayerId is { } p ? payers.GetValueOrDefault(p) : null, v.TotalCharge, v.Warnings.Count,
                string.Join(", ", v.Lines.Where(l => l.Billable).Select(l => $"{l.Code}×{l.Units}")))))
            .ToList();
        var toReview = rows.Where(r => r.Status == VisitCodingStatus.ToReview).Select(r => r.Row).ToList();
        var toClaim = rows.Where(r => r.Status == VisitCodingStatus.Reviewed).Select(r => r.Row).ToList();
        ClaimRow Row(Claim c, IReadOnlyList<string> reasons) => new(c.Id, c.ClaimNumber, c.PatientId, names.GetValueOrDefault(c.PatientId, "?"),
            payers.GetValueOrDefault(c.PayerId, "?"), c.Status, c.FromDate, c.TotalCharge, c.Paid, c.Outstanding, c.SubmittedAt, reasons);

        var today = time.GetUtcNow();
        var open = claims.Where(c => c.SubmittedAt is not null && c.Outstanding > 0).ToList();
        var aging = AgingBands.Select(b =>
        {
            var inBand = open.Where(c => (today - c.SubmittedAt!.Value).Days is var days && days >= b.From && days <= b.To).ToList();
            return new AgingBucket(b.Label, inBand.Count, inBand.Sum(c => c.Outstanding));
        }).ToList();

        // Totals cover claims with service this calendar year, so the read stays bounded as the years pass.
        var yearStart = new DateOnly(today.Year, 1, 1);
        var all = await db.Claims.AsNoTracking()
            .Where(c => c.Status != ClaimStatus.Ready && c.Status != ClaimStatus.Held && c.Status != ClaimStatus.Replaced && c.FromDate >= yearStart)
            .ToListAsync(cancellationToken);
        var byPayer = all.GroupBy(c => payers.GetValueOrDefault(c.PayerId, "?")).OrderBy(g => g.Key)
            .Select(g => new PayerTotals(g.Key, g.Count(), g.Sum(c => c.TotalCharge), g.Sum(c => c.Paid), g.Sum(c => c.PatientResponsibility),
                g.Sum(c => c.Lines.Sum(l => l.Adjustments.Where(a => a.Group != "PR").Sum(a => a.Amount))), g.Sum(c => c.Status == ClaimStatus.WrittenOff ? 0 : c.Outstanding)))
            .ToList();

        return new BillingOverview(toReview,
            [.. claims.Where(c => c.Status == ClaimStatus.Ready).Select(c => Row(c, []))],
            [.. claims.Where(c => c.Status == ClaimStatus.Held).Select(c => Row(c, c.HoldReasons))],
            [.. claims.Where(c => c.Status is ClaimStatus.Submitted or ClaimStatus.Accepted or ClaimStatus.Appealed).OrderBy(c => c.SubmittedAt).Select(c => Row(c, []))],
            [.. claims.Where(c => c.Status is ClaimStatus.Denied or ClaimStatus.PartlyPaid).Select(c => Row(c, DenialReasons(c)))],
            aging, byPayer, [.. (await coverage.AuthorizationsAsync(null, cancellationToken)).Where(a => a.RunningOut)], toClaim,
            [.. owing.Select(a => new PatientOwing(a.PatientId, names.GetValueOrDefault(a.PatientId, "?"), a.Balance))]);
    }

    /// <summary>Each denied line with its adjustment and remark codes in words (Reference/Billing/adjustment-reasons.json).</summary>
    public IReadOnlyList<string> DenialReasons(Claim claim) =>
        [.. claim.Lines.Where(l => l.Denied).Select(l => $"{l.Code} on {l.ServiceDate:d MMM yyyy}: "
            + string.Join("; ", l.Adjustments.Where(a => a.Group != "PR").Select(a => reference.DescribeAdjustment(a.Group, a.Reason))
                .Concat(l.Remarks.Select(reference.DescribeRemark))))];
}
