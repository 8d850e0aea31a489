using System.Reflection;
using System.Text.Json;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

/// <summary>
/// The reviewed billing reference files (Reference/Billing): procedure codes with timed/untimed, the
/// technique-to-code mapping, and adjustment reason codes in words. Checked at start: a technique the
/// therapist can document but that maps to no code, or a mapping to an unknown code, stops the app.
/// </summary>
[PureEngine]
public sealed class BillingReference
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public sealed record ProcedureCode(string Code, string Name, bool Timed, bool TherapyModifier);

    private sealed record CodesFile(List<ProcedureCode> Codes, Dictionary<string, string> Techniques);

    private sealed record ReasonsFile(Dictionary<string, string> Groups, Dictionary<string, string> Carc, Dictionary<string, string> Rarc);

    public BillingReference(IEnumerable<string> documentableTechniques)
    {
        var codes = Read<CodesFile>("procedure-codes.json");
        Codes = codes.Codes.ToDictionary(c => c.Code, StringComparer.Ordinal);
        TechniqueCodes = codes.Techniques;
        var reasons = Read<ReasonsFile>("adjustment-reasons.json");
        (Groups, Carc, Rarc) = (reasons.Groups, reasons.Carc, reasons.Rarc);
        var problems = documentableTechniques.Where(t => !TechniqueCodes.ContainsKey(t)).Select(t => $"technique '{t}' maps to no procedure code")
            .Concat(TechniqueCodes.Where(m => !Codes.ContainsKey(m.Value)).Select(m => $"technique '{m.Key}' maps to unknown code {m.Value}"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The billing reference files are inconsistent: " + string.Join("; ", problems));
        }

        Ncci = NcciEdits.Parse(ReadText("ncci-ptp-demo.txt"));
    }

    public IReadOnlyDictionary<string, ProcedureCode> Codes { get; }

    public IReadOnlyDictionary<string, string> TechniqueCodes { get; }

    public IReadOnlyDictionary<string, string> Groups { get; }

    public IReadOnlyDictionary<string, string> Carc { get; }

    public IReadOnlyDictionary<string, string> Rarc { get; }

    /// <summary>The demonstration PTP file; an organisation loads the current CMS quarter over it.</summary>
    public NcciEdits Ncci { get; }

    public string CodeFor(string technique) => TechniqueCodes[technique];

    public bool? IsTimed(string code) => Codes.TryGetValue(code, out var c) ? c.Timed : null;

    /// <summary>"CO-45: Charge exceeds …" — the words a biller reads on the denial work-list.</summary>
    public string DescribeAdjustment(string group, string reason) =>
        $"{group}-{reason}: " + (Carc.TryGetValue(reason, out var text) ? text : $"reason code {reason} (see the X12 CARC list)")
        + (Groups.TryGetValue(group, out var g) ? $" — {g}" : "");

    public string DescribeRemark(string code) =>
        $"{code}: " + (Rarc.TryGetValue(code, out var text) ? text : "remark code (see the X12 RARC list)");

    private static T Read<T>(string file) => JsonSerializer.Deserialize<T>(ReadText(file), Options)
        ?? throw new InvalidOperationException($"Reference/Billing/{file} is empty.");

    private static string ReadText(string file)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Tactus.Web.Reference.Billing.{file}")
            ?? throw new InvalidOperationException($"Reference/Billing/{file} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
