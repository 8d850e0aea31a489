using System.Globalization;
using System.Text;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Patients;

/// <summary>
/// The form a name is searched by: lower case, accents removed, letters and digits only ("Zoë O'Brien-Núñez" →
/// "zoe", "obriennunez"). Stored beside the name and indexed after the organisation, so "smi" is a range seek on
/// both stores (<c>key &gt;= 'smi' AND key &lt; 'smj'</c>) instead of <c>lower(name) LIKE 'smi%'</c> over every row.
/// </summary>
[PureEngine]
public static class SearchKey
{
    public static string Of(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var key = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = c switch
            {
                'ß' => "ss", 'æ' or 'Æ' => "ae", 'ø' or 'Ø' => "o", 'œ' or 'Œ' => "oe", 'ł' or 'Ł' => "l", 'đ' or 'Đ' => "d", 'ı' => "i",
                _ => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c).ToString() : "",
            };
            key.Append(folded);
        }

        return key.ToString();
    }

    /// <summary>
    /// The first key after every key that starts with <paramref name="prefix"/> (ordinal order, as SQLite's BINARY and
    /// PostgreSQL's "C" collation compare): the prefix with its last character raised by one.
    /// </summary>
    public static string UpperBound(string prefix) =>
        prefix.Length == 0 ? "\uffff" : prefix[..^1] + (char)(prefix[^1] + 1);
}
