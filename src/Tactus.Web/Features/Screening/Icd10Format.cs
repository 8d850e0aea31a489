using System.Text.RegularExpressions;

namespace Tactus.Web.Features.Screening;

/// <summary>The shape of an ICD-10-CM code: a letter, a digit, an alphanumeric, then up to four more after the dot.</summary>
public static partial class Icd10Format
{
    public static bool IsWellFormed(string? code) => code is not null && Pattern().IsMatch(code.Trim());

    [GeneratedRegex(@"^[A-Za-z][0-9][0-9A-Za-z](\.?[0-9A-Za-z]{1,4})?$", RegexOptions.None, 100)]
    private static partial Regex Pattern();
}
