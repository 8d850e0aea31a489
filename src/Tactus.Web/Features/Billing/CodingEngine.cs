using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

/// <summary>A documented technique as the coding engine sees it.</summary>
public sealed record DocumentedTechnique(string Technique, string Region, int Minutes);

/// <summary>What the payer decides about coding: the unit rule, modifiers it requires, the modifier it accepts for distinct services.</summary>
public sealed record PayerCodingRules(TimedUnitRule UnitRule, IReadOnlyList<string> RequiredTherapyModifiers, string DistinctServiceModifier = "XS");

/// <summary>One service line as coded: code, units, modifiers, diagnosis pointers (1-based into the diagnoses) and charge.</summary>
public sealed record CodedLine(string Code, int Minutes, int Units, IReadOnlyList<string> Modifiers, IReadOnlyList<int> DiagnosisPointers,
    decimal UnitFee, decimal Charge, IReadOnlyList<string> Regions, IReadOnlyList<string> Techniques, string? Note = null)
{
    public bool Billable => Units > 0;
}

/// <summary>The coded visit: lines, the diagnoses they point at, and every reason behind the numbers.</summary>
public sealed record CodingResult(IReadOnlyList<CodedLine> Lines, IReadOnlyList<string> Diagnoses, IReadOnlyList<string> Reasoning, IReadOnlyList<string> Warnings);

/// <summary>
/// Pure: turns a signed note's techniques into service lines. Technique → code through the reviewed mapping
/// (Reference/Billing/procedure-codes.json); units by the payer's rule (UnitCalculator); the payer's therapy
/// modifier (GP, clinical.md §2.4); NCCI PTP edits from the loaded table, bypassed with the distinct-service
/// modifier only when the note shows the two codes on different regions, otherwise the column 2 code is not
/// billed; diagnosis pointers to the referral's first four diagnoses (837P allows four per line); charge =
/// fee × units from the organisation's fee schedule.
/// </summary>
[PureEngine]
public static class CodingEngine
{
    public const int MaxPointersPerLine = 4;

    public static CodingResult Code(IReadOnlyList<DocumentedTechnique> techniques, IReadOnlyList<string> diagnoses, DateOnly serviceDate,
        PayerCodingRules payer, BillingReference reference, NcciEdits ncci, IReadOnlyDictionary<string, decimal> fees)
    {
        var reasoning = new List<string>();
        var warnings = new List<string>();
        var byCode = techniques.Where(t => t.Minutes > 0)
            .GroupBy(t => reference.CodeFor(t.Technique))
            .Select(g => (Code: g.Key, Minutes: g.Sum(t => t.Minutes), Regions: g.Select(t => t.Region).Distinct().ToList(),
                Techniques: g.Select(t => t.Technique).Distinct().ToList()))
            .ToList();
        foreach (var group in byCode)
        {
            reasoning.Add($"{string.Join(", ", group.Techniques)} → {group.Code} ({reference.Codes[group.Code].Name}): {group.Minutes} min.");
        }

        var units = UnitCalculator.Calculate(byCode.Select(g => new ServiceMinutes(g.Code, g.Minutes, reference.Codes[g.Code].Timed)), payer.UnitRule);
        reasoning.AddRange(units.Reasoning);

        var pointers = Enumerable.Range(1, Math.Min(diagnoses.Count, MaxPointersPerLine)).ToList();
        if (diagnoses.Count == 0)
        {
            warnings.Add("The referral carries no diagnosis, so no line has a diagnosis pointer.");
        }

        var lines = byCode.Select(g =>
        {
            var modifiers = reference.Codes[g.Code].TherapyModifier ? payer.RequiredTherapyModifiers.ToList() : [];
            var fee = fees.TryGetValue(g.Code, out var f) ? f : 0m;
            if (!fees.ContainsKey(g.Code))
            {
                warnings.Add($"The fee schedule has no fee for {g.Code}; its charge is 0.00 until one is set.");
            }

            var lineUnits = units.Services.Single(s => s.Code == g.Code).Units;
            return new CodedLine(g.Code, g.Minutes, lineUnits, modifiers, pointers, fee, fee * lineUnits, g.Regions, g.Techniques);
        }).ToList();

        lines = ApplyNcci(lines, ncci, serviceDate, payer, reasoning, warnings);
        foreach (var line in lines.Where(l => l.Units == 0 && l.Note is null))
        {
            reasoning.Add($"{line.Code}: no unit by the rule; the line is kept for the record and not billed.");
        }

        return new CodingResult(lines, diagnoses, reasoning, warnings);
    }

    private static List<CodedLine> ApplyNcci(List<CodedLine> lines, NcciEdits ncci, DateOnly day, PayerCodingRules payer, List<string> reasoning, List<string> warnings)
    {
        var billed = lines.Where(l => l.Billable).Select(l => l.Code).ToList();
        foreach (var edit in ncci.Applying(billed, day))
        {
            var first = lines.Single(l => l.Code == edit.Column1);
            var second = lines.Single(l => l.Code == edit.Column2);
            if (!first.Billable || !second.Billable)
            {
                continue;
            }

            var sharedRegions = first.Regions.Intersect(second.Regions).ToList();
            var index = lines.IndexOf(second);
            if (edit.ModifierAllowed && sharedRegions.Count == 0)
            {
                lines[index] = second with { Modifiers = [.. second.Modifiers, payer.DistinctServiceModifier] };
                reasoning.Add($"NCCI PTP edit {edit.Column1}/{edit.Column2} ({edit.Rationale}) allows a modifier; the note shows {edit.Column2} on "
                    + $"{string.Join(", ", second.Regions)} and {edit.Column1} on {string.Join(", ", first.Regions)}, separate regions, so {payer.DistinctServiceModifier} is added to {edit.Column2}.");
                continue;
            }

            var why = edit.ModifierAllowed
                ? $"both were documented on {string.Join(", ", sharedRegions)}, so no distinct-service modifier is supported"
                : "the edit allows no modifier";
            lines[index] = second with { Units = 0, Charge = 0m, Note = $"Not billed: NCCI PTP edit with {edit.Column1}; {why}." };
            reasoning.Add($"NCCI PTP edit {edit.Column1}/{edit.Column2} ({edit.Rationale}): {why}; {edit.Column2} is not billed.");
            warnings.Add($"{edit.Column2} is bundled into {edit.Column1} on this day (NCCI); its {second.Minutes} min are not billed.");
        }

        return lines;
    }
}
