namespace Tactus.Web.Features.OutcomeMeasures;

/// <summary>
/// A reviewed instrument file (Reference/Instruments/*.json): items with their answer options and
/// values, the scoring rule, range, bands, MCID with its source, LOINC codes, licence and safety rules.
/// Nothing about an instrument is special-cased in code.
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
    IReadOnlyList<SafetyRule>? Safety = null);

public sealed record InstrumentLicence(string Status, string Note);

/// <summary>An item; Text is null in a definition slot until the organisation supplies the licensed wording.</summary>
public sealed record InstrumentItem(string Id, string? Text, IReadOnlyList<AnswerOption> Options, string? Loinc = null);

public sealed record AnswerOption(int Value, string Label, string? Loinc = null);

/// <summary>How the total is made: "sum" or "mean" of the items, with how many may be missing.</summary>
public sealed record ScoringRule(string Method, int MaxMissing, int Decimals = 0);

public sealed record ScoreRange(decimal Min, decimal Max);

public sealed record ScoreBand(decimal Min, decimal Max, string Label);

public sealed record PositiveScreen(decimal AtLeast, string Source);

/// <summary>The minimal clinically important difference; Verified says whether its source was checked.</summary>
public sealed record Mcid(decimal? Points, decimal? Percent, string Source, bool Verified);

/// <summary>An item answer that must raise an alert whatever the total (e.g. PHQ-9 item 9).</summary>
public sealed record SafetyRule(string Id, string Item, int AtLeast, string Message, string PatientMessage, string Source);
