using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Patients;

/// <summary>
/// Possible duplicates of a person: same given and family name (ignoring case) and the same birth date, in the
/// organisation. Found across the whole organisation, beyond the caller's care team, so a clinician does not
/// register a second record for someone another team treats; only the ones the caller may see are named.
/// </summary>
public static class PatientDuplicates
{
    public sealed record Match(int Count, IReadOnlyList<Patient> Visible);

    public static async Task<Match> FindAsync(TactusDbContext db, string givenName, string familyName, DateOnly birthDate, Guid? except,
        CancellationToken cancellationToken)
    {
        var given = givenName.Trim().ToLowerInvariant();
        var family = familyName.Trim().ToLowerInvariant();
        var ids = await db.Patients.IgnoreQueryFilters([TactusDbContext.RelationshipFilterName])
            .Where(p => p.BirthDate == birthDate && p.MergedIntoId == null && p.Id != except && p.GivenName.ToLower() == given && p.FamilyName.ToLower() == family)
            .Select(p => p.Id).ToListAsync(cancellationToken);
        var visible = ids.Count == 0 ? [] : await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).OrderBy(p => p.Mrn).ToListAsync(cancellationToken);
        return new Match(ids.Count, visible);
    }

    /// <summary>What to tell the person registering: who it may be (if they may see them) and what to do.</summary>
    public static string Describe(Match match) => match.Visible.Count > 0
        ? $"A patient with this name and date of birth is already registered: {string.Join(", ", match.Visible.Select(p => $"{p.FullName}, MRN {p.Mrn}"))}. "
            + "Open that record instead, or confirm that this is a different person."
        : "A patient with this name and date of birth is already registered in your organisation, under another care team. "
            + "Ask the programme manager to add you to their care team instead, or confirm that this is a different person.";
}
