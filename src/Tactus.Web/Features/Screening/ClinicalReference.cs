using System.Reflection;
using System.Text.Json;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Screening;

/// <summary>
/// The reviewed clinical reference files compiled into the build (Reference/Clinical/*.json): body
/// regions, techniques, medication classes, referral diagnoses and contraindication rules. Loaded
/// once and checked against each other at start, so a broken file stops the app instead of a rule
/// silently never firing.
/// </summary>
[PureEngine]
public sealed class ClinicalReference
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public sealed record BodyRegion(string Id, string Label, string View);

    public sealed record Technique(string Id, string Name, int DefaultPressure, string? RequiresCertification = null);

    public sealed record Diagnosis(string Code, string Display);

    /// <summary>A condition's suggested techniques, dose and instruments, with the evidence as clinical.md §5 states it.</summary>
    public sealed record Protocol(string Id, string Condition, List<string> Icd10Prefixes, List<string> Techniques, int SessionsPerWeek,
        int Weeks, List<string> Instruments, string Evidence, string Certainty, List<string> Citations);

    private sealed record ProtocolsFile(List<Protocol> Protocols);

    private sealed record RegionsFile(List<BodyRegion> Regions);

    private sealed record TechniquesFile(List<Technique> Techniques);

    private sealed record MedicationsFile(Dictionary<string, List<string>> Classes);

    private sealed record DiagnosesFile(List<Diagnosis> Codes);

    private sealed record RulesFile(List<ContraindicationRule> Rules);

    public ClinicalReference()
        : this(Read<RulesFile>("contraindication-rules.json").Rules)
    {
    }

    /// <summary>For an organisation's own rule set (and tests): the same checks apply.</summary>
    public ClinicalReference(IReadOnlyList<ContraindicationRule> rules)
    {
        Regions = Read<RegionsFile>("body-regions.json").Regions;
        Techniques = Read<TechniquesFile>("techniques.json").Techniques;
        MedicationClasses = Read<MedicationsFile>("medication-classes.json").Classes
            .ToDictionary(c => c.Key, c => (IReadOnlyList<string>)c.Value, StringComparer.Ordinal);
        Diagnoses = Read<DiagnosesFile>("icd10cm-referral-codes.json").Codes
            .ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        Protocols = Read<ProtocolsFile>("protocols.json").Protocols;
        Rules = rules;
        var problems = Validate().ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The clinical reference files are inconsistent: " + string.Join("; ", problems));
        }
    }

    public IReadOnlyList<BodyRegion> Regions { get; }
    public IReadOnlyList<Technique> Techniques { get; }
    public IReadOnlyDictionary<string, IReadOnlyList<string>> MedicationClasses { get; }
    public IReadOnlyDictionary<string, Diagnosis> Diagnoses { get; }
    public IReadOnlyList<ContraindicationRule> Rules { get; }
    public IReadOnlyList<Protocol> Protocols { get; }

    /// <summary>Protocols whose conditions match any of the codes, in library order.</summary>
    public IReadOnlyList<Protocol> ProtocolsFor(IEnumerable<string> codes)
    {
        var normalized = codes.Select(ContraindicationEngine.NormalizeCode).ToList();
        return Protocols.Where(p => p.Icd10Prefixes.Any(prefix => normalized.Any(c => c.StartsWith(ContraindicationEngine.NormalizeCode(prefix), StringComparison.Ordinal)))).ToList();
    }

    public bool IsRegion(string id) => Regions.Any(r => r.Id == id);

    public string RegionLabel(string id) => Regions.FirstOrDefault(r => r.Id == id)?.Label ?? id;

    public Technique? FindTechnique(string id) => Techniques.FirstOrDefault(t => t.Id == id);

    private IEnumerable<string> Validate()
    {
        var facts = new IntakeAnswers().ToFacts();
        var regionFacts = facts.Where(f => f.Value is List<string>).Select(f => f.Key).ToHashSet();
        foreach (var duplicate in Rules.GroupBy(r => r.Id).Where(g => g.Count() > 1))
        {
            yield return $"rule id '{duplicate.Key}' is used twice";
        }

        foreach (var protocol in Protocols)
        {
            foreach (var technique in protocol.Techniques.Where(t => FindTechnique(t) is null))
            {
                yield return $"protocol {protocol.Id}: unknown technique '{technique}'";
            }

            if (protocol.Certainty != "Not reviewed" && protocol.Citations.Count == 0)
            {
                yield return $"protocol {protocol.Id}: evidence graded '{protocol.Certainty}' needs a citation";
            }
        }

        foreach (var rule in Rules)
        {
            if (rule.Does.Count == 0 || rule.Does.Any(d => !RuleEffects.All.Contains(d)))
            {
                yield return $"{rule.Id}: 'does' must list one or more of {string.Join(", ", RuleEffects.All)}";
            }

            // What a rule does is data the plan and note enforce: a "modify" with no limit, or a limit the
            // rule does not claim, would be prose pretending to be a rule.
            var limits = rule.MaxPressure is not null || (rule.ExcludeTechniques?.Count ?? 0) > 0;
            if (rule.Does.Contains(RuleEffects.Modify) != limits)
            {
                yield return $"{rule.Id}: a rule that modifies has a pressure ceiling or excluded techniques, and only such a rule has them";
            }

            if (rule.Does.Contains(RuleEffects.AvoidArea) != (rule.AvoidRegionsFrom?.Count > 0))
            {
                yield return $"{rule.Id}: a rule that avoids an area names the answers its regions come from, and only such a rule does";
            }

            if ((rule.When.Any?.Count ?? 0) + (rule.When.All?.Count ?? 0) == 0)
            {
                yield return $"{rule.Id}: has no condition";
            }

            if (string.IsNullOrWhiteSpace(rule.Source) || string.IsNullOrWhiteSpace(rule.PatientText) || string.IsNullOrWhiteSpace(rule.ClinicianText))
            {
                yield return $"{rule.Id}: needs a source and both wordings";
            }

            if (rule.MaxPressure is < 1 or > 5)
            {
                yield return $"{rule.Id}: maxPressure must be on the 1-5 scale";
            }

            foreach (var technique in (rule.ExcludeTechniques ?? []).Where(t => FindTechnique(t) is null))
            {
                yield return $"{rule.Id}: unknown technique '{technique}'";
            }

            foreach (var fact in (rule.AvoidRegionsFrom ?? []).Where(f => !regionFacts.Contains(f)))
            {
                yield return $"{rule.Id}: '{fact}' is not a region list";
            }

            foreach (var problem in (rule.When.Any ?? []).Concat(rule.When.All ?? []).SelectMany(c => CheckCondition(rule.Id, c, facts, regionFacts)))
            {
                yield return problem;
            }
        }
    }

    private IEnumerable<string> CheckCondition(string ruleId, RuleCondition c, IReadOnlyDictionary<string, object?> facts, HashSet<string> regionFacts)
    {
        var set = new object?[] { c.Flag, c.Icd10, c.MedicationClass, c.Regions, c.AtLeast, c.WithinDays }.Count(v => v is not null);
        if (set != 1)
        {
            yield return $"{ruleId}: a condition must test exactly one thing";
        }

        if (c.Flag is { } flag && facts.GetValueOrDefault(flag) is not bool)
        {
            yield return $"{ruleId}: '{flag}' is not a yes/no intake answer";
        }

        if (c.MedicationClass is { } medicationClass && !MedicationClasses.ContainsKey(medicationClass))
        {
            yield return $"{ruleId}: unknown medication class '{medicationClass}'";
        }

        if (c.Regions is { } regions && !regionFacts.Contains(regions))
        {
            yield return $"{ruleId}: '{regions}' is not a region list";
        }

        if (c.AtLeast is { } threshold && !facts.ContainsKey(threshold.Fact))
        {
            yield return $"{ruleId}: unknown number '{threshold.Fact}'";
        }

        if (c.WithinDays is { } window && !facts.ContainsKey(window.Fact))
        {
            yield return $"{ruleId}: unknown date '{window.Fact}'";
        }
    }

    private static T Read<T>(string file)
    {
        var name = $"Tactus.Web.Reference.Clinical.{file}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The reference file {name} is not embedded.");
        return JsonSerializer.Deserialize<T>(stream, Options) ?? throw new InvalidOperationException($"{name} is empty.");
    }
}
