using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Intake;

/// <summary>What the therapist must know before touching the patient, from the current findings and intake.</summary>
public sealed record SafetySummary(
    IReadOnlyList<PatientFinding> Findings,
    PatientIntake? Intake,
    IReadOnlyDictionary<Guid, string> Names,
    int? MaxPressure,
    IReadOnlyList<string> ExcludedTechniques,
    IReadOnlyList<string> AvoidRegions,
    bool CanClear)
{
    public bool Blocked => Findings.Any(f => f.Blocks);

    public static async Task<SafetySummary> BuildAsync(TactusDbContext db, ClinicalReference reference, Guid patientId, bool canClear,
        CancellationToken cancellationToken)
    {
        var findings = await db.Findings.AsNoTracking().Where(f => f.PatientId == patientId && f.Status != FindingStatus.Resolved)
            .ToListAsync(cancellationToken);
        findings = findings.OrderBy(f => f.Blocks ? 0 : 1).ThenBy(f => RuleEffects.Severity(f.Does)).ThenBy(f => f.RuleId, StringComparer.Ordinal).ToList();
        var intake = await db.Intakes.AsNoTracking().Where(i => i.PatientId == patientId).OrderByDescending(i => i.RecordedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var clearedBy = findings.Select(f => f.ClearedById).OfType<Guid>().Distinct().ToList();
        var names = await db.Users.Where(u => clearedBy.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var preferred = intake?.Preferences.Pressure;
        var ceiling = findings.Where(f => f.MaxPressure is not null).Select(f => f.MaxPressure).Min();
        var excluded = findings.SelectMany(f => f.ExcludedTechniques).Distinct()
            .Select(t => reference.FindTechnique(t)?.Name ?? t).Order().ToList();
        var avoid = findings.SelectMany(f => f.AvoidRegions).Concat(intake?.Preferences.AreasNotToTouch ?? []).Distinct()
            .Select(reference.RegionLabel).Order().ToList();
        return new SafetySummary(findings, intake, names, ceiling is null ? preferred : Math.Min(ceiling.Value, preferred ?? 5),
            excluded, avoid, canClear);
    }
}
