using System.Reflection;
using System.Text.Json;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Medications;

/// <summary>
/// Opioid morphine milligram equivalents per day (issue 14 §2) from the CDC 2022 factors in the reviewed
/// Reference/Clinical/opioid-mme.json (clinical.md §6.3(a)): MME/day = daily dose × factor, summed over every opioid;
/// the fentanyl patch in mcg/hr; buprenorphine recorded but never converted. For tracking a programme's change in
/// opioid use only, never for converting one opioid to another. Pure: no web, no database.
/// </summary>
[PureEngine]
public sealed class MorphineEquivalents
{
    /// <param name="RxNorm">The RxNorm ingredient code, where it was checked (null: named only).</param>
    public sealed record Opioid(string Id, string Name, decimal Factor, string Unit, string? RxNorm = null);

    public sealed record NotConvertedOpioid(string Id, string Name, string Reason);

    /// <summary>An opioid of the table, converted or not, as a record names it.</summary>
    public sealed record Named(string Name, string Unit, string? RxNorm);

    private sealed record File(string Source, List<Opioid> Opioids, List<NotConvertedOpioid> NotConverted);

    /// <summary>
    /// One medication as a patient takes it: the strength of one dose (mg, or mcg/hr for the fentanyl patch) and doses
    /// per day (a patch worn continuously is one).
    /// </summary>
    public sealed record Dose(string Opioid, decimal Strength, decimal DosesPerDay);

    /// <summary>A dose's MME per day, or why it was not converted.</summary>
    public sealed record Converted(Dose Dose, decimal? MmePerDay, string? NotConvertedReason);

    public sealed record Total(decimal MmePerDay, IReadOnlyList<Converted> Lines)
    {
        public IEnumerable<Converted> NotConverted => Lines.Where(l => l.MmePerDay is null);
    }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<string, Opioid> _factors;
    private readonly Dictionary<string, NotConvertedOpioid> _notConverted;

    public MorphineEquivalents()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tactus.Web.Reference.Clinical.opioid-mme.json")
            ?? throw new InvalidOperationException("The opioid conversion table (opioid-mme) is not embedded.");
        var file = JsonSerializer.Deserialize<File>(stream, Options) ?? throw new InvalidOperationException("opioid-mme.json is empty.");
        Source = file.Source;
        _factors = file.Opioids.ToDictionary(o => o.Id, StringComparer.Ordinal);
        _notConverted = file.NotConverted.ToDictionary(o => o.Id, StringComparer.Ordinal);
    }

    public string Source { get; }

    public IReadOnlyCollection<Opioid> Opioids => _factors.Values;

    public bool IsKnown(string opioid) => _factors.ContainsKey(opioid) || _notConverted.ContainsKey(opioid);

    /// <summary>The opioid's name, dose unit and code; buprenorphine, outside the table, is dosed in mg.</summary>
    public Named? Find(string opioid) =>
        _factors.TryGetValue(opioid, out var converted) ? new Named(converted.Name, converted.Unit, converted.RxNorm)
        : _notConverted.TryGetValue(opioid, out var excluded) ? new Named(excluded.Name, "mg", null)
        : null;

    public Converted Convert(Dose dose)
    {
        if (_notConverted.TryGetValue(dose.Opioid, out var excluded))
        {
            return new Converted(dose, null, excluded.Reason);
        }

        if (!_factors.TryGetValue(dose.Opioid, out var opioid))
        {
            throw new ArgumentException($"'{dose.Opioid}' is not an opioid in the CDC 2022 table.", nameof(dose));
        }

        if (dose.Strength <= 0 || dose.DosesPerDay <= 0)
        {
            throw new ArgumentException("A dose needs a strength and doses per day above zero.", nameof(dose));
        }

        return new Converted(dose, Math.Round(dose.Strength * dose.DosesPerDay * opioid.Factor, 2), null);
    }

    /// <summary>The day's total: the sum over every converted opioid (CDC 2022: "sum across all opioids").</summary>
    public Total Sum(IEnumerable<Dose> doses)
    {
        var lines = doses.Select(Convert).ToList();
        return new Total(lines.Sum(l => l.MmePerDay ?? 0), lines);
    }
}
