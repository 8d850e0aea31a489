using System.Globalization;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

/// <summary>One NCCI procedure-to-procedure edit: the column 2 code is not paid with the column 1 code on the same day.</summary>
/// <param name="ModifierAllowed">Modifier indicator 1: an NCCI-associated modifier (59, XE/XS/XP/XU) may bypass it when documentation supports a distinct service; 0: never.</param>
public sealed record PtpEdit(string Column1, string Column2, DateOnly EffectiveOn, DateOnly? DeletedOn, bool ModifierAllowed, string Rationale)
{
    public bool AppliesOn(DateOnly day) => day >= EffectiveOn && (DeletedOn is null || day <= DeletedOn);
}

/// <summary>
/// The NCCI PTP table read from the tab-delimited text CMS publishes each quarter for practitioners
/// (columns: Column 1, Column 2, prior-to-1996 flag, effective date yyyymmdd, deletion date or "*",
/// modifier indicator 0/1/9, rationale; preceded by notice and heading lines). Indicator 9 means the pair is
/// no longer an edit and is skipped. Data only: no pair is written in code (clinical.md §2.4).
/// </summary>
[PureEngine]
public sealed class NcciEdits
{
    private readonly Dictionary<(string, string), List<PtpEdit>> edits;

    private NcciEdits(IEnumerable<PtpEdit> rows)
    {
        edits = rows.GroupBy(e => (e.Column1, e.Column2)).ToDictionary(g => g.Key, g => g.ToList());
        Count = edits.Values.Sum(l => l.Count);
    }

    public int Count { get; }

    public IEnumerable<PtpEdit> All => edits.Values.SelectMany(l => l);

    public static NcciEdits From(IEnumerable<PtpEdit> rows) => new(rows);

    /// <summary>Only the pairs where both codes are ones this organisation bills: a whole CMS quarter is millions of rows, a clinic needs a few.</summary>
    public NcciEdits Relevant(IReadOnlySet<string> codes) => new(All.Where(e => codes.Contains(e.Column1) && codes.Contains(e.Column2)));

    /// <summary>Reads a CMS file; a line that looks like an edit but does not parse is refused with its line number.</summary>
    public static NcciEdits Parse(string text)
    {
        var rows = new List<PtpEdit>();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            var fields = line.TrimEnd('\r').Split('\t');
            if (fields.Length < 6 || !IsCode(fields[0]) || !IsCode(fields[1]))
            {
                continue;
            }

            var effective = Date(fields[3]) ?? throw Bad(lineNumber, "effective date is not yyyymmdd");
            DateOnly? deleted = fields[4].Trim() is "*" or "" ? null : Date(fields[4]) ?? throw Bad(lineNumber, "deletion date is not yyyymmdd or *");
            var indicator = fields[5].Trim();
            if (indicator == "9")
            {
                continue;
            }

            if (indicator is not ("0" or "1"))
            {
                throw Bad(lineNumber, "modifier indicator must be 0, 1 or 9");
            }

            rows.Add(new PtpEdit(fields[0].Trim(), fields[1].Trim(), effective, deleted, indicator == "1", fields.Length > 6 ? fields[6].Trim() : ""));
        }

        if (rows.Count == 0)
        {
            throw new FormatException("No PTP edits found: expected the tab-delimited practitioner PTP table CMS publishes each quarter.");
        }

        return new NcciEdits(rows);
    }

    /// <summary>The edits in force on the day between any two of the codes billed together.</summary>
    public IReadOnlyList<PtpEdit> Applying(IReadOnlyCollection<string> codes, DateOnly day) =>
        codes.SelectMany(a => codes.Where(b => b != a).Select(b => (a, b)))
            .SelectMany(pair => edits.TryGetValue(pair, out var list) ? list : [])
            .Where(e => e.AppliesOn(day))
            .ToList();

    private static bool IsCode(string field) => field.Trim().Length == 5 && field.Trim().All(char.IsAsciiLetterOrDigit);

    private static DateOnly? Date(string field) =>
        DateOnly.TryParseExact(field.Trim(), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    private static FormatException Bad(int line, string why) => new($"Line {line} of the PTP file: {why}.");
}
