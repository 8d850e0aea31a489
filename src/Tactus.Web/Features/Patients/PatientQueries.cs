using Microsoft.EntityFrameworkCore;

namespace Tactus.Web.Features.Patients;

/// <summary>Search and projections over the patients the caller may see (the context has filtered them already).</summary>
public static class PatientQueries
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public sealed record SearchCriteria(string? Name, DateOnly? BirthDate, string? Mrn, int Page = 1, int PageSize = DefaultPageSize);

    public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
    {
        public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    }

    public static async Task<Page<Patient>> SearchAsync(this IQueryable<Patient> patients, SearchCriteria criteria,
        CancellationToken cancellationToken = default)
    {
        // A merged duplicate lives on in the record it was merged into; searches find that one.
        var query = patients.AsNoTracking().Where(p => p.MergedIntoId == null);
        if (!string.IsNullOrWhiteSpace(criteria.Name))
        {
            // Every word must match the start of the given or family name, ignoring case and accents: "mar che" finds
            // Maria Chen, "jose" finds José. Each is a range on an indexed key (SearchKey), so the store seeks.
            foreach (var term in criteria.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(SearchKey.Of).Where(k => k.Length > 0).Take(4))
            {
                var upper = SearchKey.UpperBound(term);
                query = query.Where(p => (string.Compare(p.GivenKey, term) >= 0 && string.Compare(p.GivenKey, upper) < 0)
                    || (string.Compare(p.FamilyKey, term) >= 0 && string.Compare(p.FamilyKey, upper) < 0));
            }
        }

        if (criteria.BirthDate is { } birthDate)
        {
            query = query.Where(p => p.BirthDate == birthDate);
        }

        if (!string.IsNullOrWhiteSpace(criteria.Mrn))
        {
            // The start of the MRN is enough ("MRN00012" finds MRN0001234), as a range on the unique index.
            var mrn = criteria.Mrn.Trim().ToUpperInvariant();
            var upper = SearchKey.UpperBound(mrn);
            query = query.Where(p => string.Compare(p.Mrn, mrn) >= 0 && string.Compare(p.Mrn, upper) < 0);
        }

        var pageSize = Math.Clamp(criteria.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, criteria.Page);
        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderBy(p => p.FamilyKey).ThenBy(p => p.GivenKey).ThenBy(p => p.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new Page<Patient>(items, page, pageSize, total);
    }

    /// <remarks>
    /// One statement, not one per collection: a patient has a handful of diagnoses and care-team members, so the
    /// joined rows stay few, and each statement costs a prepare and the scoping predicates again (the hottest read).
    /// </remarks>
    public static Task<Patient?> FindWithDetailsAsync(this IQueryable<Patient> patients, Guid id,
        CancellationToken cancellationToken = default) =>
        patients.AsNoTracking().Include(p => p.Conditions).Include(p => p.CareTeam)
            .AsSingleQuery().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
}
