using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Patients;

/// <summary>
/// Keeps each patient's searchable words (<see cref="PatientNameWord"/>) in step with the patient in the same save,
/// whichever feature changed the name, the MRN or the merge: TactusDbContext calls it before every save.
/// </summary>
internal static class PatientNameWords
{
    public static async Task SyncAsync(TactusDbContext db, CancellationToken cancellationToken)
    {
        var patients = db.ChangeTracker.Entries<Patient>().ToList();
        var tracked = patients.Any(e => e.State == EntityState.Added)
            ? db.ChangeTracker.Entries<PatientNameWord>().ToLookup(w => w.Entity.PatientId)
            : null;
        foreach (var entry in patients)
        {
            if (entry.State == EntityState.Added)
            {
                // A save that failed and is tried again already holds this patient's words: replace, never add twice.
                foreach (var pending in tracked![entry.Entity.Id])
                {
                    pending.State = EntityState.Detached;
                }

                db.PatientNameWords.AddRange(PatientNameWord.For(entry.Entity));
            }
            else if (entry.State == EntityState.Modified && (entry.Property(p => p.GivenName).IsModified || entry.Property(p => p.FamilyName).IsModified
                         || entry.Property(p => p.MergedIntoId).IsModified))
            {
                await ReplaceAsync(db, entry.Entity, cancellationToken);
            }
        }
    }

    private static async Task ReplaceAsync(TactusDbContext db, Patient patient, CancellationToken cancellationToken)
    {
        // The caller holds the patient, so it may see it; its words are read by its id alone.
        var stored = await db.PatientNameWords.IgnoreQueryFilters().Where(w => w.PatientId == patient.Id).ToListAsync(cancellationToken);
        var wanted = PatientNameWord.For(patient).ToDictionary(w => w.Word, StringComparer.Ordinal);
        foreach (var word in stored)
        {
            if (wanted.Remove(word.Word, out var now))
            {
                (word.Parts, word.FamilyKey, word.GivenKey, word.Mrn) = (now.Parts, now.FamilyKey, now.GivenKey, now.Mrn);
            }
            else
            {
                db.PatientNameWords.Remove(word);
            }
        }

        db.PatientNameWords.AddRange(wanted.Values);
    }
}
