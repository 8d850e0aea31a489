using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Patients;

/// <summary>Search and projections over the patients the caller may see (the context has filtered them already).</summary>
public static class PatientQueries
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <param name="WithTotal">Count every match too: a second pass over the matches, so only when the caller asks.</param>
    /// <param name="After">The cursor of the last row of the previous page (<see cref="Page{T}.Next"/>): the next page starts after it, by an index seek, however deep.</param>
    /// <param name="Family">Words that must start a word of the family name (FHIR <c>family</c>); <paramref name="Name"/> matches either name.</param>
    /// <param name="Given">Words that must start a word of the given name (FHIR <c>given</c>).</param>
    /// <param name="MrnExact">The MRN as a whole (FHIR <c>identifier</c>), not its start.</param>
    public sealed record SearchCriteria(string? Name, DateOnly? BirthDate, string? Mrn, int Page = 1, int PageSize = DefaultPageSize,
        bool WithTotal = false, string? After = null, string? Family = null, string? Given = null, bool MrnExact = false,
        DateTimeOffset? UpdatedFrom = null, DateTimeOffset? UpdatedBefore = null, bool CountOnly = false, AdministrativeSex? Sex = null);

    private readonly record struct NameTerm(string Key, NameParts Parts);

    private static IEnumerable<NameTerm> Terms(string? text, NameParts parts) =>
        (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(SearchKey.Of).Where(k => k.Length > 0).Select(k => new NameTerm(k, parts));

    /// <param name="Total">The number of matches, when asked for.</param>
    /// <param name="HasMore">Another page follows this one.</param>
    /// <param name="Next">The cursor to pass as <c>after</c> for the next page; null on the last page.</param>
    public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int? Total, bool HasMore, string? Next);

    /// <summary>Refused cursors answer a problem detail, not a 500.</summary>
    public static bool IsValidCursor(string? after) => after is null || Cursor.TryRead(after, out _);

    /// <summary>
    /// The caller's patients matching every criterion, one page in one statement. A name search reads the name-word
    /// index (<see cref="PatientNameWord"/>) as one range in page order: by the matched word, then family name, given
    /// name and MRN, so "smi" lists the Smiths before the Smithams and stops after a page at any clinic size. Without a
    /// name, patients come by family name, given name and MRN.
    /// </summary>
    public static async Task<Page<Patient>> SearchPatientsAsync(this TactusDbContext db, SearchCriteria criteria,
        CancellationToken cancellationToken = default)
    {
        // A merged duplicate lives on in the record it was merged into; searches find that one.
        var patients = db.Patients.AsNoTracking().Where(p => p.MergedIntoId == null);
        if (criteria.BirthDate is { } birthDate)
        {
            patients = patients.Where(p => p.BirthDate == birthDate);
        }

        if (!string.IsNullOrWhiteSpace(criteria.Mrn))
        {
            // The start of the MRN is enough ("MRN00012" finds MRN0001234), as a range on the unique index.
            var mrn = criteria.Mrn.Trim().ToUpperInvariant();
            var mrnUpper = SearchKey.UpperBound(mrn);
            patients = criteria.MrnExact
                ? patients.Where(p => p.Mrn == mrn)
                : patients.Where(p => string.Compare(p.Mrn, mrn) >= 0 && string.Compare(p.Mrn, mrnUpper) < 0);
        }

        if (criteria.Sex is { } sex)
        {
            patients = patients.Where(p => p.Sex == sex);
        }

        if (criteria.UpdatedFrom is { } updatedFrom)
        {
            patients = patients.Where(p => p.UpdatedAt >= updatedFrom);
        }

        if (criteria.UpdatedBefore is { } updatedBefore)
        {
            patients = patients.Where(p => p.UpdatedAt < updatedBefore);
        }

        var pageSize = Math.Clamp(criteria.PageSize, 1, MaxPageSize);
        var page = Math.Max(1, criteria.Page);
        var from = criteria.After is { } after && Cursor.TryRead(after, out var position) ? position : ((string Word, string FamilyKey, string GivenKey, string Mrn)?)null;
        // Every word of the query must start a word of the given or family name, ignoring case and accents: "mar che"
        // finds Maria Chen, "jose" finds José, "ann" finds Mary Ann.
        var terms = Terms(criteria.Name, NameParts.Given | NameParts.Family).Concat(Terms(criteria.Family, NameParts.Family))
            .Concat(Terms(criteria.Given, NameParts.Given)).Distinct().Take(4).ToList();
        IQueryable<Patient> sorted;
        int? total;
        if (terms.Count == 0)
        {
            total = criteria.WithTotal || criteria.CountOnly ? await patients.CountAsync(cancellationToken) : null;
            if (criteria.CountOnly)
            {
                return new Page<Patient>([], 1, pageSize, total, false, null); // a count reads no patient
            }

            if (from is { } f)
            {
                patients = patients.Where(p => string.Compare(p.FamilyKey, f.FamilyKey) > 0
                    || (p.FamilyKey == f.FamilyKey && (string.Compare(p.GivenKey, f.GivenKey) > 0
                        || (p.GivenKey == f.GivenKey && string.Compare(p.Mrn, f.Mrn) > 0))));
            }

            sorted = patients.OrderBy(p => p.FamilyKey).ThenBy(p => p.GivenKey).ThenBy(p => p.Mrn);
        }
        else
        {
            var (first, firstUpper, firstParts) = (terms[0].Key, SearchKey.UpperBound(terms[0].Key), terms[0].Parts);
            // A patient two of whose words start with the first term is listed once, at the first of them.
            var words = db.PatientNameWords.Where(w => string.Compare(w.Word, first) >= 0 && string.Compare(w.Word, firstUpper) < 0 && (w.Parts & firstParts) != 0
                && !db.PatientNameWords.Any(o => o.PatientId == w.PatientId && string.Compare(o.Word, first) >= 0 && string.Compare(o.Word, w.Word) < 0
                    && (o.Parts & firstParts) != 0));
            foreach (var (term, parts) in terms.Skip(1))
            {
                var upper = SearchKey.UpperBound(term);
                words = words.Where(w => db.PatientNameWords.Any(o => o.PatientId == w.PatientId && string.Compare(o.Word, term) >= 0
                    && string.Compare(o.Word, upper) < 0 && (o.Parts & parts) != 0));
            }

            var matches = words.Join(patients, w => w.PatientId, p => p.Id, (w, p) => new { Word = w, Patient = p });
            total = criteria.WithTotal || criteria.CountOnly ? await matches.CountAsync(cancellationToken) : null;
            if (criteria.CountOnly)
            {
                return new Page<Patient>([], 1, pageSize, total, false, null);
            }

            if (from is { } f)
            {
                matches = matches.Where(m => string.Compare(m.Word.Word, f.Word) > 0
                    || (m.Word.Word == f.Word && (string.Compare(m.Word.FamilyKey, f.FamilyKey) > 0
                        || (m.Word.FamilyKey == f.FamilyKey && (string.Compare(m.Word.GivenKey, f.GivenKey) > 0
                            || (m.Word.GivenKey == f.GivenKey && string.Compare(m.Word.Mrn, f.Mrn) > 0))))));
            }

            sorted = matches.OrderBy(m => m.Word.Word).ThenBy(m => m.Word.FamilyKey).ThenBy(m => m.Word.GivenKey).ThenBy(m => m.Word.Mrn)
                .Select(m => m.Patient);
        }

        // One row more than the page says whether another page follows, without counting every match.
        var rows = await (from is null ? sorted.Skip((page - 1) * pageSize) : sorted).Take(pageSize + 1).ToListAsync(cancellationToken);
        var hasMore = rows.Count > pageSize;
        var items = rows.Take(pageSize).ToList();
        return new Page<Patient>(items, page, pageSize, total, hasMore, hasMore ? Cursor.Write(MatchedWord(items[^1], terms), items[^1]) : null);
    }

    /// <summary>The word a listed patient was found by: the first of their words that the first term starts.</summary>
    private static string MatchedWord(Patient patient, List<NameTerm> terms) =>
        terms.Count == 0
            ? ""
            : PatientNameWord.For(patient).Where(w => (w.Parts & terms[0].Parts) != 0).Select(w => w.Word)
                .Where(w => w.StartsWith(terms[0].Key, StringComparison.Ordinal)).Order(StringComparer.Ordinal).FirstOrDefault() ?? "";

    /// <summary>Where a page ended: the last row's sort key, as an opaque URL-safe token.</summary>
    private static class Cursor
    {
        public static string Write(string word, Patient last) =>
            Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes($"{word}\u001f{last.FamilyKey}\u001f{last.GivenKey}\u001f{last.Mrn}"));

        public static bool TryRead(string token, out (string Word, string FamilyKey, string GivenKey, string Mrn) position)
        {
            position = default;
            try
            {
                var parts = System.Text.Encoding.UTF8.GetString(Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(token)).Split('\u001f');
                if (parts.Length != 4)
                {
                    return false;
                }

                position = (parts[0], parts[1], parts[2], parts[3]);
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
