using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Patients;

/// <summary>Which of a patient's names a searchable word comes from.</summary>
[Flags]
public enum NameParts
{
    Given = 1,
    Family = 2,
}

/// <summary>
/// One searchable word of a patient's names (SearchKey form), with the patient's sort key copied beside it. The name
/// search is one range on (organisation, word) read in index order, so a page of a million-patient clinic is the
/// first rows of one seek however many patients match; on the patient row itself "given OR family starts with" is two
/// ranges the store must union and sort before it can stop. Every word of each name is a row ("Mary Ann" → "mary",
/// "ann", "maryann"), so a search finds a second given name or a double-barrelled family name by any of its words.
/// Derived from the (audited) name and kept in step with it by TactusDbContext on every save; a merged duplicate
/// has none, so searches find the record it was merged into.
/// </summary>
public sealed class PatientNameWord : IOrganizationOwned, IPatientScoped
{
    public Guid PatientId { get; init; }
    public required string Word { get; init; }
    public NameParts Parts { get; set; }
    public Guid OrganizationId { get; init; }

    /// <summary>The patient's sort key (<see cref="Patient.FamilyKey"/>, <see cref="Patient.GivenKey"/>, MRN), so a page is ordered by the index.</summary>
    public string FamilyKey { get; set; } = "";

    public string GivenKey { get; set; } = "";
    public string Mrn { get; set; } = "";

    /// <summary>The words a patient is found by: none for a merged duplicate.</summary>
    public static List<PatientNameWord> For(Patient patient)
    {
        if (patient.MergedIntoId is not null)
        {
            return [];
        }

        var words = new Dictionary<string, NameParts>(StringComparer.Ordinal);
        Collect(words, patient.GivenName, NameParts.Given);
        Collect(words, patient.FamilyName, NameParts.Family);
        return words.Select(w => new PatientNameWord
        {
            PatientId = patient.Id, Word = w.Key, Parts = w.Value, OrganizationId = patient.OrganizationId,
            FamilyKey = patient.FamilyKey, GivenKey = patient.GivenKey, Mrn = patient.Mrn,
        }).ToList();
    }

    private static void Collect(Dictionary<string, NameParts> words, string name, NameParts part)
    {
        // The whole name as one key too, so "obrienn" still finds O'Brien-Núñez as it did before words existed.
        foreach (var word in name.Split([' ', '-', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(SearchKey.Of).Append(SearchKey.Of(name)))
        {
            if (word.Length > 0)
            {
                words[word] = words.GetValueOrDefault(word) | part;
            }
        }
    }
}
