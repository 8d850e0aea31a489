using Microsoft.EntityFrameworkCore;

namespace Tactus.Web.Features.Patients;

/// <summary>Search and projections over the patients the caller may see (the context has filtered them already).</summary>
public static class PatientQueries
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <param name="WithTotal">Count every match too: a second pass over the matches, so only when the caller asks.</param>
    /// <param name="After">The cursor of the last row of the previous page (<see cref="Page{T}.Next"/>): the next page starts after it, by an index seek, however deep.</param>
    public sealed record SearchCriteria(string? Name, DateOnly? BirthDate, string? Mrn, int Page = 1, int PageSize = DefaultPageSize,
        bool WithTotal = false, string? After = null);

    /// <param name="Total">The number of matches, when asked for.</param>
    /// <param name="HasMore">Another page follows this one.</param>
    /// <param name="Next">The cursor to pass as <c>after</c> for the next page; null on the last page.</param>
    public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int? Total, bool HasMore, string? Next);

    /// <summary>Refused cursors answer a problem detail, not a 500.</summary>
    public static bool IsValidCursor(string? after) => after is null || Cursor.TryRead(after, out _);

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
        int? total = criteria.WithTotal ? await query.CountAsync(cancellationToken) : null;
        var ordered = query;
        if (criteria.After is { } after && Cursor.TryRead(after, out var from))
        {
            // Keyset: rows after the last one shown, in the order of the (family, given) index with the MRN as the tie-break.
            ordered = ordered.Where(p => string.Compare(p.FamilyKey, from.FamilyKey) > 0
                || (p.FamilyKey == from.FamilyKey && (string.Compare(p.GivenKey, from.GivenKey) > 0
                    || (p.GivenKey == from.GivenKey && string.Compare(p.Mrn, from.Mrn) > 0))));
        }

        var sorted = ordered.OrderBy(p => p.FamilyKey).ThenBy(p => p.GivenKey).ThenBy(p => p.Mrn);
        // One row more than the page says whether another page follows, without counting every match.
        var rows = await (criteria.After is null ? sorted.Skip((page - 1) * pageSize) : sorted).Take(pageSize + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > pageSize;
        var items = rows.Take(pageSize).ToList();
        return new Page<Patient>(items, page, pageSize, total, hasMore, hasMore ? Cursor.Write(items[^1]) : null);
    }

    /// <summary>Where a page ended: the last row's sort key, as an opaque URL-safe token.</summary>
    private static class Cursor
    {
        public static string Write(Patient last) =>
            Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"{last.FamilyKey}\u001f{last.GivenKey}\u001f{last.Mrn}"));

        public static bool TryRead(string token, out (string FamilyKey, string GivenKey, string Mrn) position)
        {
            position = default;
            try
            {
                var parts = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(token)).Split('\u001f');
                if (parts.Length != 3)
                {
                    return false;
                }

                position = (parts[0], parts[1], parts[2]);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
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
