using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Diagnoses;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// A patient's diagnosis as a FHIR R4 Condition (problem-list item, ICD-10-CM), and the inbound form an EHR sends with a
/// referral. A Condition Tactus stores feeds the contraindication screening as one recorded at check-in does.
/// </summary>
public static class ConditionFhir
{
    private const string CategorySystem = "http://terminology.hl7.org/CodeSystem/condition-category";
    private const string ClinicalStatusSystem = "http://terminology.hl7.org/CodeSystem/condition-clinical";

    public static Hl7.Fhir.Model.Condition Build(Patients.Condition condition) => new()
    {
        Id = condition.Id.ToString(),
        Meta = new Meta { LastUpdated = condition.RecordedAt },
        ClinicalStatus = new CodeableConcept(ClinicalStatusSystem, "active"),
        Category = [new CodeableConcept(CategorySystem, "problem-list-item", "Problem List Item")],
        Code = new CodeableConcept(ReferralFhir.Icd10CmSystem, condition.Code, condition.Display, condition.Display),
        Subject = new ResourceReference($"Patient/{condition.PatientId}"),
        Onset = condition.OnsetDate is { } onset ? new FhirDateTime(onset.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
        RecordedDate = condition.RecordedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Stores an inbound Condition for a patient the caller may see: ICD-10-CM coded, one per code (a second with the same
    /// code answers 200 with the first). Who may add it is who may edit patients.
    /// </summary>
    public static async Task<FhirWriteOutcome> CreateAsync(Hl7.Fhir.Model.Condition resource, ReferralFhirInput.IReferences references,
        TactusDbContext db, AccessScope scope, DiagnosisCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        if (!PatientAccessRules.CanEditPatients(scope.Role))
        {
            return FhirWriteOutcome.Fail(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "Your role cannot record a patient's conditions.");
        }

        var issues = new List<OperationOutcome.IssueComponent>();
        var patientId = resource.Subject?.Reference is { } subject ? references.Patient(subject) : null;
        var patient = patientId is { } id ? await db.Patients.Include(p => p.Conditions).SingleOrDefaultAsync(p => p.Id == id, ct) : null;
        if (patient is null)
        {
            issues.Add(FhirApi.Issue("Condition.subject", "Name a patient Tactus holds (Patient/{id}) or one created in the same transaction."));
        }

        var coding = resource.Code?.Coding.FirstOrDefault(c => c.System == ReferralFhir.Icd10CmSystem && !string.IsNullOrWhiteSpace(c.Code));
        var code = coding?.Code is { } raw ? ContraindicationEngine.NormalizeCode(raw) : "";
        if (code.Length is 0 or > 8)
        {
            issues.Add(FhirApi.Issue("Condition.code", "Code the condition in ICD-10-CM (system http://hl7.org/fhir/sid/icd-10-cm)."));
        }

        DateOnly? onset = null;
        if (resource.Onset is FhirDateTime { Value: { Length: >= 10 } onsetText }
            && DateOnly.TryParseExact(onsetText[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            onset = day;
        }

        if (issues.Count > 0)
        {
            return FhirWriteOutcome.Invalid(new OperationOutcome { Issue = issues });
        }

        if (patient!.Conditions.FirstOrDefault(c => string.Equals(ContraindicationEngine.NormalizeCode(c.Code), code, StringComparison.OrdinalIgnoreCase)) is { } known)
        {
            return new FhirWriteOutcome(Build(known), StatusCodes.Status200OK);
        }

        var listed = (await catalog.ForCurrentOrganizationAsync(ct)).TryGetValue(code, out var diagnosis) ? diagnosis.Display : null;
        var condition = new Patients.Condition
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, Code = code,
            Display = listed ?? (string.IsNullOrWhiteSpace(coding!.Display) ? code : coding.Display.Trim()[..Math.Min(coding.Display.Trim().Length, 200)]),
            OnsetDate = onset, RecordedAt = time.GetStorageNow(),
        };
        patient.Conditions.Add(condition);
        await db.SaveChangesAsync(ct);
        return new FhirWriteOutcome(Build(condition), StatusCodes.Status201Created, LastModified: condition.RecordedAt);
    }
}
