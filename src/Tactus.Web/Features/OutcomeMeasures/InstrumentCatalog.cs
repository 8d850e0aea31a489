using System.Reflection;
using System.Text.Json;

namespace Tactus.Web.Features.OutcomeMeasures;

/// <summary>
/// The bundled instruments (Reference/Instruments/*.json), loaded once and checked at start: bands must
/// cover the score range without gaps or overlaps, and safety rules must name real items and answers.
/// </summary>
public sealed class InstrumentCatalog
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public InstrumentCatalog()
        : this(Load())
    {
    }

    public InstrumentCatalog(IReadOnlyList<InstrumentDefinition> definitions)
    {
        var problems = definitions.SelectMany(Validate).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("Instrument definitions are inconsistent: " + string.Join("; ", problems));
        }

        Instruments = definitions.OrderBy(d => d.Code, StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<InstrumentDefinition> Instruments { get; }

    public InstrumentDefinition? Find(string code) =>
        Instruments.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<string> Validate(InstrumentDefinition d)
    {
        if (d.Items.Count == 0)
        {
            yield return $"{d.Code}: no items";
        }

        if (d.Items.Select(i => i.Id).Distinct().Count() != d.Items.Count)
        {
            yield return $"{d.Code}: duplicate item ids";
        }

        if (d.Scoring.Method is not ("sum" or "mean"))
        {
            yield return $"{d.Code}: unknown scoring method '{d.Scoring.Method}'";
        }

        var lowest = d.Scoring.Method == "sum" ? d.Items.Sum(i => i.Options.Min(o => o.Value)) : d.Items.Min(i => i.Options.Min(o => o.Value));
        var highest = d.Scoring.Method == "sum" ? d.Items.Sum(i => i.Options.Max(o => o.Value)) : d.Items.Max(i => i.Options.Max(o => o.Value));
        if (lowest != d.Range.Min || highest != d.Range.Max)
        {
            yield return $"{d.Code}: the items give {lowest}-{highest} but the range says {d.Range.Min}-{d.Range.Max}";
        }

        var bands = d.Bands.OrderBy(b => b.Min).ToList();
        if (bands.Count > 0 && (bands[0].Min != d.Range.Min || bands[^1].Max != d.Range.Max))
        {
            yield return $"{d.Code}: bands do not span the whole range";
        }

        var step = d.Scoring.Method == "mean" ? 1m / (decimal)Math.Pow(10, d.Scoring.Decimals) : 1m;
        for (var i = 1; i < bands.Count; i++)
        {
            if (bands[i].Min != bands[i - 1].Max + step)
            {
                yield return $"{d.Code}: bands '{bands[i - 1].Label}' and '{bands[i].Label}' leave a gap or overlap";
            }
        }

        foreach (var rule in d.Safety ?? [])
        {
            var item = d.Items.FirstOrDefault(i => i.Id == rule.Item);
            if (item is null || item.Options.All(o => o.Value < rule.AtLeast))
            {
                yield return $"{d.Code}: safety rule {rule.Id} names no reachable answer";
            }
        }
    }

    private static List<InstrumentDefinition> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("Tactus.Web.Reference.Instruments.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
            .Select(n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return JsonSerializer.Deserialize<InstrumentDefinition>(stream, Options)
                    ?? throw new InvalidOperationException($"{n} is empty.");
            })
            .ToList();
    }
}
