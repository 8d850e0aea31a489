using System.Globalization;

namespace Tactus.Web.Web;

/// <summary>Fields of the CSV files Tactus offers for download (RFC 4180), safe to open in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>Quotes the field and defuses spreadsheet formulas (CSV injection: a leading =, +, -, @, tab or return).</summary>
    public static string Text(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0], StringComparison.Ordinal))
        {
            text = "'" + text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A number as a spreadsheet reads it (invariant culture, unquoted); empty when there is none.</summary>
    public static string Number(double? value, int decimals = 4) =>
        value is { } number && double.IsFinite(number) ? Math.Round(number, decimals).ToString(CultureInfo.InvariantCulture) : "";

    public static string Line(IEnumerable<string> fields) => string.Join(',', fields) + "\r\n";
}
