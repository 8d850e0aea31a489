using Tactus.Web.Web;

namespace Tactus.Web.Features.Screening;

/// <summary>A rule that fired, with why it fired and what it asks of the therapist.</summary>
/// <param name="Does">What the finding does (<see cref="RuleEffects"/>).</param>
/// <param name="Gaps">What the record does not say that the finding needs (e.g. which limb to avoid): ask and record it.</param>
public sealed record ScreeningFinding(
    string RuleId,
    string Finding,
    IReadOnlyList<string> Does,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> AvoidRegions,
    int? MaxPressure,
    IReadOnlyList<string> ExcludedTechniques,
    string PatientText,
    string ClinicianText,
    string Source,
    IReadOnlyList<string> Gaps)
{
    public bool Blocks => RuleEffects.Blocks(Does);
}

/// <summary>Everything the rules found, and what it adds up to for today's session.</summary>
[PureEngine]
public sealed record ScreeningResult(IReadOnlyList<ScreeningFinding> Findings)
{
    /// <summary>A defer finding: no massage today, whoever signs off.</summary>
    public bool DeferToday => Findings.Any(f => f.Does.Contains(RuleEffects.Defer));

    /// <summary>A clearance finding: no treatment until the referring clinician clears it.</summary>
    public bool NeedsClearance => Findings.Any(f => f.Does.Contains(RuleEffects.Clearance));

    public bool BlocksSession => DeferToday || NeedsClearance;

    /// <summary>The lowest pressure ceiling of any finding (Walton 1-5), or null when none limits it.</summary>
    public int? MaxPressure => Findings.Where(f => f.MaxPressure is not null).Select(f => f.MaxPressure).Min();

    public IReadOnlyList<string> ExcludedTechniques => Findings.SelectMany(f => f.ExcludedTechniques).Distinct().Order().ToList();

    public IReadOnlyList<string> AvoidRegions => Findings.SelectMany(f => f.AvoidRegions).Distinct().Order().ToList();
}
