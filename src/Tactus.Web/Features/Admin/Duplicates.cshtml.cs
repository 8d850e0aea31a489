using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Patients;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Admin;

/// <summary>Possible duplicate patient records (same name and birth date) and the administrator's merge, audited.</summary>
public sealed class DuplicatesModel(TactusDbContext db, PatientMergeWorkflow merges) : PageModel, IRedisplayablePage
{
    /// <summary>At most this many groups are listed at once; merging them shows the next.</summary>
    public const int MaxGroups = 50;

    public IReadOnlyList<IReadOnlyList<Patient>> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ReloadForRedisplayAsync(cancellationToken);

    public async Task<IActionResult> OnPostMergeAsync(Guid keep, List<Guid> duplicates, string? reason, CancellationToken cancellationToken)
    {
        var merged = new List<string>();
        foreach (var duplicate in duplicates.Where(d => d != keep))
        {
            var merge = await merges.MergeAsync(keep, duplicate, reason, cancellationToken);
            if (merge is null)
            {
                return NotFound();
            }

            merged.Add(merge.DuplicateMrn);
        }

        TempData["Flash"] = merged.Count == 0 ? "Nothing to merge: choose the record to keep and at least one other." : $"Merged {string.Join(", ", merged)} into the record kept.";
        return RedirectToPage();
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        // The keys (name and birth date) only find the groups; the records shown are read as entities, so the read is audited.
        var keys = await db.Patients.Where(p => p.MergedIntoId == null)
            .GroupBy(p => new { Given = p.GivenName.ToLower(), Family = p.FamilyName.ToLower(), p.BirthDate })
            .Where(g => g.Count() > 1).OrderBy(g => g.Key.Family).Take(MaxGroups).Select(g => g.Key)
            .TagWith(ReadAuditGuard.AggregateOnly).ToListAsync(cancellationToken);
        var dates = keys.Select(k => k.BirthDate).Distinct().ToList();
        var candidates = await db.Patients.AsNoTracking().Where(p => p.MergedIntoId == null && dates.Contains(p.BirthDate)).ToListAsync(cancellationToken);
        Groups = [.. keys.Select(k => (IReadOnlyList<Patient>)[.. candidates.Where(p => p.BirthDate == k.BirthDate
            && p.GivenName.Equals(k.Given, StringComparison.OrdinalIgnoreCase) && p.FamilyName.Equals(k.Family, StringComparison.OrdinalIgnoreCase)).OrderBy(p => p.CreatedAt)])];
        return true;
    }
}
