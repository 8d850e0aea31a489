using System.Text.RegularExpressions;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Screening;

/// <summary>
/// Evaluates the contraindication rules (reference/clinical.md §4) over intake answers, active
/// ICD-10-CM diagnoses and medications. Pure: the same input always gives the same findings, and
/// nothing is stored. Rules are consensus guidance; each finding carries its source.
/// </summary>
[PureEngine]
public sealed class ContraindicationEngine(ClinicalReference reference)
{
    public ScreeningResult Evaluate(IntakeAnswers answers, IEnumerable<string> diagnoses, IEnumerable<string> medications, DateOnly asOf)
    {
        var facts = answers.ToFacts();
        var codes = diagnoses.Select(NormalizeCode).Where(c => c.Length > 0).Distinct().ToList();
        var medicationList = medications.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).ToList();
        var findings = new List<ScreeningFinding>();
        foreach (var rule in reference.Rules)
        {
            var reasons = new List<string>();
            var all = rule.When.All ?? [];
            var any = rule.When.Any ?? [];
            var allHold = all.All(c => Matches(c, facts, codes, medicationList, asOf, reasons));
            var anyHolds = any.Count == 0 || any.Select(c => Matches(c, facts, codes, medicationList, asOf, reasons)).ToList().Contains(true);
            if (!allHold || !anyHolds)
            {
                continue;
            }

            var regions = (rule.AvoidRegionsFrom ?? [])
                .SelectMany(name => facts.GetValueOrDefault(name) as IEnumerable<string> ?? []).Distinct().Order().ToList();
            // A finding that must avoid an area but fired from an answer that names none (a diagnosis code, a
            // yes without the limb) still fires, and says what to ask rather than avoiding nothing silently.
            IReadOnlyList<string> gaps = rule.Does.Contains(RuleEffects.AvoidArea) && regions.Count == 0
                ? [$"Which area to avoid is not recorded ({string.Join(", ", (rule.AvoidRegionsFrom ?? []).Select(Label))}): ask the patient and record it in the intake."]
                : [];
            findings.Add(new ScreeningFinding(rule.Id, rule.Finding, rule.Does, reasons.Distinct().ToList(),
                regions, rule.MaxPressure, rule.ExcludeTechniques ?? [], rule.PatientText, rule.ClinicianText, rule.Source, gaps));
        }

        // Most serious first: defer, clearance, modify, avoid area.
        return new ScreeningResult(findings.OrderBy(f => RuleEffects.Severity(f.Does)).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList());
    }

    /// <summary>"i824.01" and "I82.401" are the same code; comparisons use the dotted upper-case form.</summary>
    public static string NormalizeCode(string code)
    {
        var compact = code.Trim().Replace(".", "", StringComparison.Ordinal).ToUpperInvariant();
        return compact.Length > 3 ? compact[..3] + "." + compact[3..] : compact;
    }

    private bool Matches(RuleCondition condition, IReadOnlyDictionary<string, object?> facts, List<string> codes,
        List<string> medications, DateOnly asOf, List<string> reasons)
    {
        if (condition.Flag is { } flag)
        {
            return Note(facts.GetValueOrDefault(flag) is true, $"reported: {Label(flag)}", reasons);
        }

        if (condition.Icd10 is { } prefix)
        {
            var normalized = NormalizeCode(prefix);
            var code = codes.FirstOrDefault(c => c.StartsWith(normalized, StringComparison.Ordinal));
            return Note(code is not null, $"diagnosis {code}", reasons);
        }

        if (condition.MedicationClass is { } medicationClass)
        {
            var names = reference.MedicationClasses[medicationClass];
            var medication = medications.FirstOrDefault(m => names.Any(n => Regex.IsMatch(m, $@"\b{Regex.Escape(n)}\b",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(2))));
            return Note(medication is not null, $"medication '{medication}' is {Article(medicationClass)} {medicationClass}", reasons);
        }

        if (condition.Regions is { } regionFact)
        {
            var regions = facts.GetValueOrDefault(regionFact) as IReadOnlyList<string> ?? [];
            return Note(regions.Count > 0, $"reported: {Label(regionFact)} at {string.Join(", ", regions.Select(reference.RegionLabel))}", reasons);
        }

        if (condition.AtLeast is { } threshold)
        {
            var value = facts.GetValueOrDefault(threshold.Fact) as int?;
            return Note(value >= threshold.Value, $"{Label(threshold.Fact)} {value} (at least {threshold.Value})", reasons);
        }

        if (condition.WithinDays is { } window)
        {
            var date = facts.GetValueOrDefault(window.Fact) as DateOnly?;
            var matches = date is { } d && d <= asOf && d >= asOf.AddDays(-window.Days);
            return Note(matches, $"{Label(window.Fact)} {date:yyyy-MM-dd} (within {window.Days} days)", reasons);
        }

        throw new InvalidOperationException("A rule condition names nothing to test.");
    }

    private static string Label(string fact) => IntakeAnswers.FactLabels.GetValueOrDefault(fact, fact);

    private static bool Note(bool matched, string reason, List<string> reasons)
    {
        if (matched)
        {
            reasons.Add(reason);
        }

        return matched;
    }

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
