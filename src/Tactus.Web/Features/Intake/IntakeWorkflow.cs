using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Intake;

/// <summary>
/// Records an intake, screens it against the contraindication rules together with the patient's
/// diagnoses and medications, and keeps the findings current: new ones become active, ones that
/// still fire are confirmed (a clearance stands), ones that no longer fire are resolved.
/// </summary>
public sealed class IntakeWorkflow(TactusDbContext db, AccessScope scope, ContraindicationEngine engine, ClinicalReference reference,
    Diagnoses.DiagnosisCatalog diagnoses, TimeProvider time)
{
    public async Task<(PatientIntake Intake, List<PatientFinding> Findings)?> RecordAsync(Guid patientId, IntakeInput input,
        CancellationToken cancellationToken = default)
    {
        if (scope.Role is not (Roles.Therapist or Roles.Manager or Roles.Administrator or Roles.Clinician) || scope.UserId is not { } userId)
        {
            throw new DomainRuleException("forbidden", "Your role cannot record an intake.", 403);
        }

        var patient = await db.Patients.Include(p => p.Conditions).SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var unknown = input.Answers.AllRegions().Concat(input.Preferences.AreasNotToTouch).Where(r => !reference.IsRegion(r)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new DomainRuleException("unknown-region", $"Unknown body regions: {string.Join(", ", unknown)}.", StatusCodes.Status422UnprocessableEntity);
        }

        if (input.Answers.Validate(new(input.Answers)).FirstOrDefault() is { } incomplete)
        {
            throw new DomainRuleException("incomplete-answers", incomplete.ErrorMessage!, StatusCodes.Status422UnprocessableEntity);
        }

        var now = time.GetStorageNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (input.Answers.RecentSurgeryDate > today)
        {
            throw new DomainRuleException("future-surgery", "The date of the last surgery cannot be in the future.", StatusCodes.Status422UnprocessableEntity);
        }

        var intake = new PatientIntake
        {
            OrganizationId = patient.OrganizationId,
            PatientId = patient.Id,
            RecordedAt = now,
            RecordedById = userId,
            Answers = input.Answers,
            Medications = input.Medications.Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m.Trim()).ToList(),
            OtherConditions = Clean(input.OtherConditions),
            Allergies = Clean(input.Allergies),
            LubricantAllergy = input.LubricantAllergy,
            ImplantedDevices = Clean(input.ImplantedDevices),
            Preferences = input.Preferences,
            ConsentToTreatment = input.ConsentToTreatment,
            ConsentGivenBy = Clean(input.ConsentGivenBy),
            ConsentToDataUse = input.ConsentToDataUse,
        };
        db.Intakes.Add(intake);
        var findings = await ScreenAsync(patient.Id, patient.OrganizationId, intake.Answers, intake.Medications, patient.Conditions.Select(c => c.Code), now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return (intake, findings);
    }

    /// <summary>
    /// Re-runs screening on the current intake with today's diagnoses and date, and with what changed since
    /// the last visit (every check-in does). What lasts is kept: new medicines, surgery, a fall, skin changes
    /// or pregnancy make a new intake version, new diagnoses join the problem list. Today's state (fever, a
    /// limb newly swollen or painful) counts for this screening only. Null when the patient has no intake
    /// yet. The caller saves, so the re-screen commits with the visit it belongs to.
    /// </summary>
    public async Task<List<PatientFinding>?> RescreenAsync(Guid patientId, HealthChanges? changes = null, CancellationToken cancellationToken = default)
    {
        var patient = await db.Patients.Include(p => p.Conditions).SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        var latest = await db.Intakes.AsNoTracking().Where(i => i.PatientId == patientId).OrderByDescending(i => i.RecordedAt).FirstOrDefaultAsync(cancellationToken);
        if (patient is null || latest is null)
        {
            return null;
        }

        var now = time.GetStorageNow();
        var history = latest;
        if (changes is not null)
        {
            history = await RecordChangesAsync(patient, latest, changes, now, cancellationToken);
        }

        var answers = changes?.Today(history.Answers) ?? history.Answers;
        return await ScreenAsync(patient.Id, patient.OrganizationId, answers, history.Medications, patient.Conditions.Select(c => c.Code), now, cancellationToken);
    }

    private async Task<PatientIntake> RecordChangesAsync(Patient patient, PatientIntake latest, HealthChanges changes, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var unknown = changes.AllRegions().Where(r => !reference.IsRegion(r)).Distinct().ToList();
        if (unknown.Count > 0)
        {
            throw new DomainRuleException("unknown-region", $"Unknown body regions: {string.Join(", ", unknown)}.", StatusCodes.Status422UnprocessableEntity);
        }

        if (changes.Validate(new(changes)).FirstOrDefault() is { } incomplete)
        {
            throw new DomainRuleException("incomplete-answers", incomplete.ErrorMessage!, StatusCodes.Status422UnprocessableEntity);
        }

        if (changes.SurgeryDate > DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw new DomainRuleException("future-surgery", "The date of the surgery cannot be in the future.", StatusCodes.Status422UnprocessableEntity);
        }

        var known = patient.Conditions.Select(c => ContraindicationEngine.NormalizeCode(c.Code)).ToHashSet(StringComparer.Ordinal);
        var catalog = await diagnoses.ForCurrentOrganizationAsync(cancellationToken);
        foreach (var code in changes.NewDiagnoses.Select(ContraindicationEngine.NormalizeCode).Distinct().Where(c => !known.Contains(c)))
        {
            patient.Conditions.Add(new Condition
            {
                OrganizationId = patient.OrganizationId, PatientId = patient.Id, Code = code,
                Display = catalog.TryGetValue(code, out var listed) ? listed.Display : "Reported at check-in", RecordedAt = now,
            });
        }

        if (!changes.ChangesHistory || scope.UserId is not { } userId)
        {
            return latest;
        }

        var updated = new PatientIntake
        {
            OrganizationId = latest.OrganizationId, PatientId = latest.PatientId, RecordedAt = now, RecordedById = userId,
            Answers = changes.AddTo(latest.Answers),
            Medications = [.. latest.Medications.Concat(changes.NewMedications.Select(m => m.Trim())).Distinct(StringComparer.OrdinalIgnoreCase)],
            OtherConditions = latest.OtherConditions, Allergies = latest.Allergies, LubricantAllergy = latest.LubricantAllergy,
            ImplantedDevices = latest.ImplantedDevices, Preferences = latest.Preferences, ConsentToTreatment = latest.ConsentToTreatment,
            ConsentGivenBy = latest.ConsentGivenBy, ConsentToDataUse = latest.ConsentToDataUse, UpdatedAtCheckIn = true,
        };
        db.Intakes.Add(updated);
        return updated;
    }

    /// <summary>A clinician on the care team clears a finding that needs clearance, with the reason.</summary>
    public async Task<PatientFinding?> ClearAsync(Guid patientId, Guid findingId, string? reason, CancellationToken cancellationToken = default)
    {
        if (scope.Role != Roles.Clinician || scope.UserId is not { } clinicianId)
        {
            throw new DomainRuleException("forbidden", "Only the referring clinician can clear a finding.", 403);
        }

        var finding = await db.Findings.SingleOrDefaultAsync(f => f.Id == findingId && f.PatientId == patientId, cancellationToken);
        if (finding is null)
        {
            return null;
        }

        finding.Clear(reason ?? "", clinicianId, time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        return finding;
    }

    private async Task<List<PatientFinding>> ScreenAsync(Guid patientId, Guid organizationId, IntakeAnswers answers, List<string> medications,
        IEnumerable<string> conditionCodes, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var referralCodes = await db.Referrals.Where(r => r.PatientId == patientId
                && r.Status != ReferralStatus.Cancelled && r.Status != ReferralStatus.Declined && r.Status != ReferralStatus.Discharged)
            .ToListAsync(cancellationToken);
        var diagnoses = conditionCodes.Concat(referralCodes.SelectMany(r => r.Diagnoses.Select(d => d.Code))).ToList();
        var result = engine.Evaluate(answers, diagnoses, medications, DateOnly.FromDateTime(now.UtcDateTime));

        var current = await db.Findings.Where(f => f.PatientId == patientId && f.Status != FindingStatus.Resolved).ToListAsync(cancellationToken);
        foreach (var stale in current.Where(f => result.Findings.All(r => r.RuleId != f.RuleId)))
        {
            stale.Resolve(now);
        }

        foreach (var found in result.Findings)
        {
            var existing = current.FirstOrDefault(f => f.RuleId == found.RuleId);
            if (existing is null)
            {
                existing = new PatientFinding
                {
                    OrganizationId = organizationId, PatientId = patientId, RuleId = found.RuleId, Finding = found.Finding,
                    PatientText = found.PatientText, ClinicianText = found.ClinicianText,
                    Source = found.Source, DetectedAt = now,
                };
                db.Findings.Add(existing);
                current.Add(existing);
            }

            existing.Does = [.. found.Does];
            existing.Reasons = [.. found.Reasons];
            existing.Gaps = [.. found.Gaps];
            existing.AvoidRegions = [.. found.AvoidRegions];
            existing.MaxPressure = found.MaxPressure;
            existing.ExcludedTechniques = [.. found.ExcludedTechniques];
            existing.LastConfirmedAt = now;
        }

        return current.Where(f => f.Status != FindingStatus.Resolved).ToList();
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
