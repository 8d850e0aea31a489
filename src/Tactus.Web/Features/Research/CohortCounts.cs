using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Research;

/// <summary>
/// Aggregate counts computed in the database: no patient row is ever loaded, which is all an
/// aggregate-only principal is allowed (materialising one throws). Cells under 11 are suppressed,
/// the CMS cell-size suppression policy for beneficiary counts.
/// </summary>
public sealed record CohortCounts(int Total, IReadOnlyList<CohortCounts.Row> ByAgeBand, IReadOnlyList<CohortCounts.Row> ByDiagnosis)
{
    public const int SmallCellThreshold = 11;

    public sealed record Row(string Label, int Count)
    {
        public string Display => Count == 0 ? "0" : Count < SmallCellThreshold ? $"<{SmallCellThreshold}" : Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static readonly (string Label, int From, int To)[] AgeBands =
        [("18–29", 18, 29), ("30–44", 30, 44), ("45–64", 45, 64), ("65–89", 65, 89), ("90 or older", 90, 200), ("Under 18", 0, 17)];

    public static async Task<CohortCounts> ComputeAsync(TactusDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var total = await db.Patients.CountAsync(cancellationToken);
        var bands = new List<Row>();
        foreach (var (label, from, to) in AgeBands)
        {
            var bornOnOrBefore = today.AddYears(-from);
            var bornAfter = today.AddYears(-(to + 1));
            var count = await db.Patients.CountAsync(p => p.BirthDate <= bornOnOrBefore && p.BirthDate > bornAfter, cancellationToken);
            bands.Add(new Row(label, count));
        }

        var diagnoses = await db.Conditions.GroupBy(c => c.Code)
            .Select(g => new { Code = g.Key, Patients = g.Select(c => c.PatientId).Distinct().Count() })
            .TagWith(Audit.ReadAuditGuard.AggregateOnly)
            .OrderByDescending(g => g.Patients).ThenBy(g => g.Code).Take(20).ToListAsync(cancellationToken);
        return new CohortCounts(total, bands, diagnoses.Select(d => new Row(d.Code, d.Patients)).ToList());
    }
}
