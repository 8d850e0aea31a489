using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Patients;

/// <summary>
/// Fills the search keys of patients stored before the keys existed (the migration adds the columns empty: accent
/// folding is not something SQL can do the same way on both stores). Runs at start, in batches, and finds nothing
/// to do once every key is filled. The keys are derived from the name already audited, so writing them is not a
/// change of patient data.
/// </summary>
public static class SearchKeyBackfill
{
    private const int Batch = 1_000;

    public static async Task RunAsync(TactusDbContext db, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var missing = await db.Patients.AsNoTracking()
                .Where(p => p.FamilyKey == "" && p.GivenKey == "")
                .OrderBy(p => p.Id)
                .Take(Batch).ToListAsync(cancellationToken);
            var filled = 0;
            foreach (var patient in missing)
            {
                var (given, family) = (SearchKey.Of(patient.GivenName), SearchKey.Of(patient.FamilyName));
                if (given.Length + family.Length == 0)
                {
                    continue;
                }

                filled += await db.Patients.Where(p => p.Id == patient.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.GivenKey, given).SetProperty(p => p.FamilyKey, family), cancellationToken);
            }

            if (filled == 0)
            {
                break;
            }
        }

        await FillNameWordsAsync(db, cancellationToken);
    }

    /// <summary>
    /// Patients stored before name words existed get theirs (the migration creates the table empty, for the same
    /// reason as above). Walks the patients without words in id order, so a patient with no name never stops it.
    /// </summary>
    private static async Task FillNameWordsAsync(TactusDbContext db, CancellationToken cancellationToken)
    {
        var after = Guid.Empty;
        while (true)
        {
            var missing = await db.Patients.AsNoTracking()
                .Where(p => p.Id.CompareTo(after) > 0 && p.MergedIntoId == null && !db.PatientNameWords.Any(w => w.PatientId == p.Id))
                .OrderBy(p => p.Id)
                .Take(Batch).ToListAsync(cancellationToken);
            if (missing.Count == 0)
            {
                return;
            }

            db.PatientNameWords.AddRange(missing.SelectMany(PatientNameWord.For));
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            after = missing[^1].Id;
        }
    }
}
