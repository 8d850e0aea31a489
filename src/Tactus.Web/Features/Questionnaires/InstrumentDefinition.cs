namespace Tactus.Web.Features.Questionnaires;

/// <summary>
/// A reviewed instrument file (Reference/Instruments/*.json): items with their answer options and
/// values, reverse-scored items, subscales, the scoring rule (sum, mean, percentage, conversion table,
/// missing-item rule), range, bands, MCID with its source, LOINC codes, licence and safety rules.
/// Nothing about an instrument is special-cased in code. A licensed instrument ships as a
/// <em>definition slot</em>: everything but the item wording, which the organisation supplies.
/// </summary>
public sealed record InstrumentDefinition(
    string Code,
    string Name,
    string Domain,
    string? Recall,
    InstrumentLicence Licence,
    IReadOnlyDictionary<string, string> Loinc,
    IReadOnlyList<InstrumentItem> Items,
    ScoringRule Scoring,
    ScoreRange Range,
    IReadOnlyList<ScoreBand> Bands,
    string? BandsSource,
    PositiveScreen? PositiveScreen = null,
    Mcid? Mcid = null,
    IReadOnlyList<SafetyRule>? Safety = null,
    IReadOnlyList<Subscale>? Subscales = null,
    IReadOnlyList<Criterion>? Criteria = null,
    bool HigherIsBetter = false,
    IReadOnlyList<BandConvention>? BandConventions = null,
    string? DefaultBandConvention = null,
    string? DefaultBandConventionReason = null,
    string? BandConvention = null)
{
    /// <summary>
    /// The band conventions an organisation may choose from: those the file lists, or its one set of bands.
    /// <see cref="Bands"/> and <see cref="BandConvention"/> are the convention in effect.
    /// </summary>
    public IReadOnlyList<BandConvention> Conventions => BandConventions is { Count: > 0 } listed ? listed
        : Bands is { Count: > 0 } ? [new BandConvention("published", BandsSource ?? "Published bands", BandsSource ?? "", Bands)] : [];

    /// <summary>This definition with another of its band conventions in effect (null when it has no such convention).</summary>
    public InstrumentDefinition? WithConvention(string id) =>
        Conventions.FirstOrDefault(c => c.Id == id) is { } convention
            ? this with { Bands = convention.Bands, BandsSource = convention.Source, BandConvention = convention.Name }
            : null;

    /// <summary>A slot until every item has wording: it scores, but cannot be shown to a patient.</summary>
    public bool IsSlot => Items.Any(i => string.IsNullOrWhiteSpace(i.Text));
}

/// <summary>Status is "free", "terms" (free under terms not yet reviewed) or "licensed".</summary>
public sealed record InstrumentLicence(string Status, string Note);

/// <summary>
/// An item; Text is null in a definition slot until the organisation supplies the licensed wording.
/// Scale gives a numeric answer range (e.g. MIDAS days 0-90) instead of listed options; Reverse means the
/// value is mirrored (min + max - value) before scoring; AskLabel means the patient names what the item
/// rates (PSFS activities).
/// </summary>
public sealed record InstrumentItem(
    string Id,
    string? Text,
    IReadOnlyList<AnswerOption> Options,
    string? Loinc = null,
    bool Reverse = false,
    ItemScale? Scale = null,
    string? AskLabel = null)
{
    public int MinValue => Options.Min(o => o.Value);
    public int MaxValue => Options.Max(o => o.Value);

    public int Scored(int value) => Reverse ? MinValue + MaxValue - value : value;
}

public sealed record ItemScale(int Min, int Max, string? MinLabel = null, string? MaxLabel = null);

public sealed record AnswerOption(int Value, string Label, string? Loinc = null);

/// <summary>
/// How the total is made. Method: "sum", "mean", "percent" (sum of answered ÷ their maximum × 100, the
/// ODI rule), "subscales" (sum of the subscale scores, the FIQR rule) or "utility" (a health state valued by the
/// organisation's <see cref="UtilityValueSet"/>; not scored without one). MaxMissing: how many items may be
/// missing (0 when the authors publish no rule, clinical.md §1.1). Prorate: how a sum with missing items
/// is filled in, "round" (mean of answered × item count, rounded half away from zero) or "ceiling"
/// (PROMIS: round up). Conversion maps the raw sum to the reported score (PROMIS T-scores).
/// </summary>
public sealed record ScoringRule(
    string Method,
    int MaxMissing,
    int Decimals = 0,
    string Prorate = "round",
    IReadOnlyDictionary<string, decimal>? Conversion = null,
    string? ConversionSource = null,
    bool ConversionVerified = false,
    UtilityValueSet? ValueSet = null);

/// <summary>
/// A utility instrument's value set (method "utility"): utility = 1 − Constant (for any state other than full health)
/// − the sum of each item's decrement for its answer. The additive model most EQ-5D-5L country value sets publish;
/// one with interaction terms cannot be entered. Never bundled: the organisation supplies the one it may use.
/// </summary>
public sealed record UtilityValueSet(string Name, string Source, decimal Constant, IReadOnlyDictionary<string, IReadOnlyList<decimal>> Decrements);

public sealed record ScoreRange(decimal Min, decimal Max);

public sealed record ScoreBand(decimal Min, decimal Max, string Label);

/// <summary>
/// One published set of cut-points, named and sourced (NPRS: 1-3/4-6/7-10 or Serlin 1995's 1-4/5-6/7-10).
/// Reports name the convention their bands come from.
/// </summary>
public sealed record BandConvention(string Id, string Name, string Source, IReadOnlyList<ScoreBand> Bands);

public sealed record PositiveScreen(decimal AtLeast, string Source);

/// <summary>The minimal clinically important difference; Verified says whether its source was checked.</summary>
public sealed record Mcid(decimal? Points, decimal? Percent, string Source, bool Verified);

/// <summary>An item answer that must raise an alert whatever the total (e.g. PHQ-9 item 9).</summary>
/// <param name="UnansweredMessage">What staff are told when the item is skipped (its own wording; the patient sees no crisis text for a skip).</param>
public sealed record SafetyRule(string Id, string Item, int AtLeast, string Message, string PatientMessage, string Source, string? UnansweredMessage = null);

/// <summary>A group of items scored on its own: "sum" or "mean", then divided by Divisor (FIQR function ÷ 3).</summary>
public sealed record Subscale(string Id, string Name, IReadOnlyList<string> Items, string Method = "sum", decimal Divisor = 1, string? Loinc = null);

/// <summary>
/// A count rule over subscales, e.g. PCL-5's provisional DSM-5 diagnosis: an item rated at least
/// ItemAtLeast is an endorsed symptom, and each named subscale needs its count of endorsed items.
/// </summary>
public sealed record Criterion(string Id, string Label, int ItemAtLeast, IReadOnlyDictionary<string, int> Require, string Source);
