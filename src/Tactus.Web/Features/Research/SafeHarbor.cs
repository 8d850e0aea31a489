using System.Reflection;
using System.Text.Json;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Research;

/// <summary>
/// The generalisations HIPAA Safe Harbor allows for what stays in a de-identified export (45 CFR 164.514(b)(2);
/// clinical.md §7): a ZIP code to its first three digits, or "000" for the restricted three-digit areas
/// (Reference/Research/safe-harbor-restricted-zip3.json); a date to its year; an age of 90 or more to "90+", with the
/// birth year of such a patient suppressed (a year that reveals an age over 89 is itself an identifier). Everything
/// else of the 18 identifiers is simply never exported. Pure: no web, no database.
/// </summary>
[PureEngine]
public sealed class SafeHarbor
{
    public const string NinetyOrOlder = "90+";

    private sealed record File(string Version, string Source, List<string> Restricted);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private readonly HashSet<string> _restricted;

    public SafeHarbor()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tactus.Web.Reference.Research.safe-harbor-restricted-zip3.json")
            ?? throw new InvalidOperationException("Reference/Research/safe-harbor-restricted-zip3.json is not embedded.");
        var file = JsonSerializer.Deserialize<File>(stream, Options) ?? throw new InvalidOperationException("safe-harbor-restricted-zip3.json is empty.");
        ZipListVersion = file.Version;
        _restricted = file.Restricted.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Which restricted-area list was applied (written in every export's data dictionary).</summary>
    public string ZipListVersion { get; }

    /// <summary>The first three digits, "000" for a restricted area, empty when there is no valid US ZIP code.</summary>
    public string Zip3(string? postalCode)
    {
        var digits = new string((postalCode ?? "").TakeWhile(c => c != '-').Where(char.IsAsciiDigit).ToArray());
        if (digits.Length is not (5 or 9))
        {
            return "";
        }

        var zip3 = digits[..3];
        return _restricted.Contains(zip3) ? "000" : zip3;
    }

    /// <summary>Age in whole years on a day, "90+" from 90 on (164.514(b)(2)(i)(C)).</summary>
    public static string Age(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year - (on < birthDate.AddYears(on.Year - birthDate.Year) ? 1 : 0);
        return age >= 90 ? NinetyOrOlder : Math.Max(0, age).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The birth year, or empty when the patient is 90 or older on the day (the year would reveal the age).</summary>
    public static string BirthYear(DateOnly birthDate, DateOnly on) =>
        Age(birthDate, on) == NinetyOrOlder ? "" : birthDate.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// A date directly related to the patient (a visit, a questionnaire, a referral) reduced to its year. An event's
    /// year does not reveal an age over 89; the birth year, which does, goes through <see cref="BirthYear"/>.
    /// </summary>
    public static string Year(DateOnly date) => date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
