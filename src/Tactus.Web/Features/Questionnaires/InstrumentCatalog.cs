using System.Reflection;
using System.Text.Json;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>
/// The bundled instruments (Reference/Instruments/*.json), loaded once and checked at start: bands must
/// cover the score range without gaps or overlaps, and safety rules must name real items and answers.
/// </summary>
[PureEngine]
public sealed class InstrumentCatalog
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public InstrumentCatalog()
        : this(Load())
    {
    }

    public InstrumentCatalog(IReadOnlyList<InstrumentDefinition> definitions)
    {
        definitions = definitions.Select(Normalize).ToList();
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
        if (d.Items.Count == 0 || d.Items.Any(i => i.Options.Count == 0))
        {
            yield return $"{d.Code}: an item without answers";
            yield break;
        }

        if (d.Items.Select(i => i.Id).Distinct().Count() != d.Items.Count)
        {
            yield return $"{d.Code}: duplicate item ids";
        }

        if (d.Licence.Status is not ("free" or "terms" or "licensed"))
        {
            yield return $"{d.Code}: unknown licence status '{d.Licence.Status}'";
        }

        foreach (var subscale in d.Subscales ?? [])
        {
            if (subscale.Items.Count == 0 || subscale.Items.Any(id => d.Items.All(i => i.Id != id)) || subscale.Divisor <= 0)
            {
                yield return $"{d.Code}: subscale {subscale.Id} names an unknown item or divides by zero";
            }
        }

        foreach (var criterion in d.Criteria ?? [])
        {
            if (criterion.Require.Keys.Any(k => (d.Subscales ?? []).All(s => s.Id != k)))
            {
                yield return $"{d.Code}: criterion {criterion.Id} names an unknown subscale";
            }
        }

        var (lowest, highest, problem) = Reach(d);
        if (problem is not null)
        {
            yield return $"{d.Code}: {problem}";
            yield break;
        }

        if (lowest != d.Range.Min || highest != d.Range.Max)
        {
            yield return $"{d.Code}: the items give {lowest}-{highest} but the range says {d.Range.Min}-{d.Range.Max}";
        }

        if (d.BandConventions is { Count: > 0 } conventions && conventions.All(c => c.Id != d.DefaultBandConvention))
        {
            yield return $"{d.Code}: the default band convention '{d.DefaultBandConvention}' is not one of those listed";
        }

        foreach (var convention in d.Conventions)
        {
            if (string.IsNullOrWhiteSpace(convention.Source))
            {
                yield return $"{d.Code}: band convention '{convention.Id}' needs its source";
            }

            foreach (var bandProblem in BandProblems(d, convention.Bands))
            {
                yield return $"{d.Code} ({convention.Id}): {bandProblem}";
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

    private static IEnumerable<string> BandProblems(InstrumentDefinition d, IReadOnlyList<ScoreBand> conventionBands)
    {
        var bands = conventionBands.OrderBy(b => b.Min).ToList();
        if (bands.Count > 0 && (bands[0].Min != d.Range.Min || bands[^1].Max != d.Range.Max))
        {
            yield return "bands do not span the whole range";
        }

        var step = 1m / (decimal)Math.Pow(10, d.Scoring.Decimals);
        for (var i = 1; i < bands.Count; i++)
        {
            if (bands[i].Min != bands[i - 1].Max + step)
            {
                yield return $"bands '{bands[i - 1].Label}' and '{bands[i].Label}' leave a gap or overlap";
            }
        }
    }

    /// <summary>The lowest and highest total the scoring rule can give, worked out from the items.</summary>
    private static (decimal Lowest, decimal Highest, string? Problem) Reach(InstrumentDefinition d)
    {
        var rule = d.Scoring;
        switch (rule.Method)
        {
            case "sum":
                decimal rawLow = d.Items.Sum(i => i.MinValue), rawHigh = d.Items.Sum(i => i.MaxValue);
                if (rule.Conversion is null)
                {
                    return (rawLow, rawHigh, null);
                }

                var expected = Enumerable.Range((int)rawLow, (int)(rawHigh - rawLow) + 1).Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return expected.All(rule.Conversion.ContainsKey) && rule.Conversion.Count == (int)(rawHigh - rawLow) + 1
                    ? (rule.Conversion.Values.Min(), rule.Conversion.Values.Max(), null)
                    : (0, 0, $"the conversion table must cover every raw score {rawLow}-{rawHigh} exactly");
            case "mean":
                return (d.Items.Min(i => i.MinValue), d.Items.Max(i => i.MaxValue), null);
            case "percent":
                return (0, 100, null);
            case "subscales" when rule.MaxMissing == 0 && d.Subscales is { Count: > 0 } subscales:
                var items = d.Items.ToDictionary(i => i.Id);
                decimal Bound(Subscale s, Func<InstrumentItem, int> pick) =>
                    (s.Method == "mean" ? (decimal)s.Items.Average(id => pick(items[id])) : s.Items.Sum(id => pick(items[id]))) / s.Divisor;
                return (subscales.Sum(s => Bound(s, i => i.MinValue)), subscales.Sum(s => Bound(s, i => i.MaxValue)), null);
            case "utility" when rule.MaxMissing == 0:
                // The reach is the organisation's value set's; the file gives the scale's bounds (full health 1, states
                // worse than dead below 0), and a value set whose worst state falls below them is refused.
                return (d.Range.Min, d.Range.Max, d.Range.Max == 1 ? null : "a utility's range ends at 1 (full health)");
            default:
                return (0, 0, $"unknown scoring method '{rule.Method}' (a sum of subscales needs subscales and no missing items)");
        }
    }

    /// <summary>
    /// Expands numeric scales (MIDAS days 0-90, PSFS 0-10) into answer options so one engine handles both, and
    /// puts the file's default band convention in effect.
    /// </summary>
    public static InstrumentDefinition Normalize(InstrumentDefinition d) => WithDefaultConvention(d) with
    {
        Items = d.Items.Select(i => i.Scale is { } scale && i.Options.Count == 0
            ? i with
            {
                Options = Enumerable.Range(scale.Min, scale.Max - scale.Min + 1)
                    .Select(v => new AnswerOption(v, v == scale.Min && scale.MinLabel is not null ? $"{v} ({scale.MinLabel})"
                        : v == scale.Max && scale.MaxLabel is not null ? $"{v} ({scale.MaxLabel})" : v.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    .ToList(),
            }
            : i with { Options = i.Options ?? [] }).ToList(),
    };

    private static InstrumentDefinition WithDefaultConvention(InstrumentDefinition d) =>
        d.BandConventions is { Count: > 0 } && d.DefaultBandConvention is { } id && d.WithConvention(id) is { } chosen ? chosen
        : d with { Bands = d.Bands ?? [], BandConvention = d.Bands is { Count: > 0 } ? d.BandsSource : null };

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
