using System.Text.Json.Serialization;

namespace Tactus.Web.Features.Screening;

/// <summary>One rule of Reference/Clinical/contraindication-rules.json.</summary>
public sealed record ContraindicationRule(
    string Id,
    string Finding,
    string Category,
    string Action,
    RuleWhen When,
    string PatientText,
    string ClinicianText,
    string Source,
    IReadOnlyList<string>? AvoidRegionsFrom = null,
    int? MaxPressure = null,
    IReadOnlyList<string>? ExcludeTechniques = null);

/// <summary>The rule fires when every "all" condition holds and at least one "any" condition (if there are any).</summary>
public sealed record RuleWhen(IReadOnlyList<RuleCondition>? Any = null, IReadOnlyList<RuleCondition>? All = null);

/// <summary>Exactly one member is set.</summary>
public sealed record RuleCondition(
    string? Flag = null,
    [property: JsonPropertyName("icd10")] string? Icd10 = null,
    string? MedicationClass = null,
    string? Regions = null,
    FactThreshold? AtLeast = null,
    FactWindow? WithinDays = null);

public sealed record FactThreshold(string Fact, int Value);

public sealed record FactWindow(string Fact, int Days);

public static class RuleCategories
{
    public const string Absolute = "absolute";
    public const string Relative = "relative";
    public const string Local = "local";
}

public static class RuleActions
{
    /// <summary>No massage today.</summary>
    public const string Defer = "defer";

    /// <summary>No treatment until the referring clinician records a clearance.</summary>
    public const string Clearance = "clearance";

    /// <summary>Modify pressure, position or techniques.</summary>
    public const string Restrict = "restrict";

    /// <summary>Mark body regions to avoid.</summary>
    public const string AvoidRegions = "avoid-regions";
}
