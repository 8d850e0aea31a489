using System.Text.Json.Serialization;

namespace Tactus.Web.Features.Screening;

/// <summary>One rule of Reference/Clinical/contraindication-rules.json.</summary>
/// <param name="Does">What the rule does, as <see cref="RuleEffects"/>: one or more, e.g. clearance and modify for active cancer.</param>
public sealed record ContraindicationRule(
    string Id,
    string Finding,
    IReadOnlyList<string> Does,
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
