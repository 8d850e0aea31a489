using System.Globalization;

namespace Tactus.Web.Features.Fhir;

/// <summary>A date search value with its prefix (FHIR R4 §3.1.1.4.2): ge, gt, le or lt, a day or a dateTime with its offset.</summary>
public static class FhirDates
{
    /// <summary>The comparison and the instant it compares with; null when the value is not one Tactus honours.</summary>
    public static (string Comparison, DateTimeOffset At)? Bound(string value)
    {
        var prefix = value.Length > 2 && char.IsAsciiLetterLower(value[0]) ? value[..2] : "";
        var text = value[prefix.Length..];
        if (prefix is not ("ge" or "gt" or "le" or "lt"))
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            // A day is the whole day (FHIR R4 §3.1.1.4.2.1): ge/lt start at its beginning, gt/le end at its end.
            var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            return prefix is "ge" or "lt" ? (prefix, start) : (prefix == "gt" ? "ge" : "lt", start.AddDays(1));
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) && text.Contains('T', StringComparison.Ordinal)
            ? (prefix, at) : null;
    }
}
