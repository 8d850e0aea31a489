using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Medications;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// The rest of a patient's massage record over FHIR: MedicationStatement (the intake's reported medicines and the
/// structured opioid statements), AllergyIntolerance and Consent (the intake),
/// Flag (screening findings), CarePlan and Goal (the plan of care). Read, and search by patient (required, or the launch
/// patient) with status where the type has one. A patient holds a handful of each, so a search answers in one page.
/// </summary>
public static class FhirPatientRecords
{
    private static readonly IReadOnlyList<(string Name, SearchParamType Type)> ByPatient = [("patient", SearchParamType.Reference)];
    private static readonly IReadOnlyList<(string Name, SearchParamType Type)> ByPatientAndStatus = [("patient", SearchParamType.Reference), ("status", SearchParamType.Token)];
    private static readonly IReadOnlyList<(string Name, SearchParamType Type)> GoalParameters = [("patient", SearchParamType.Reference), ("lifecycle-status", SearchParamType.Token)];

    public static readonly IReadOnlyDictionary<string, IReadOnlyList<(string Name, SearchParamType Type)>> Parameters =
        new Dictionary<string, IReadOnlyList<(string Name, SearchParamType Type)>>
        {
            ["MedicationStatement"] = ByPatient, ["AllergyIntolerance"] = ByPatient, ["Consent"] = ByPatient,
            ["Flag"] = ByPatientAndStatus, ["CarePlan"] = ByPatientAndStatus, ["Goal"] = GoalParameters,
        };

    public static RouteGroupBuilder MapPatientRecords(this RouteGroupBuilder fhir)
    {
        foreach (var type in Parameters.Keys)
        {
            fhir.MapGet($"/{type}", (HttpRequest request, TactusDbContext db, ClinicalReference reference, Opioids opioids, CancellationToken ct) =>
                    SearchAsync(type, request, db, reference, opioids, ct))
                .RequireAuthorization(Policies.ClinicalRecords).WithMetadata(new FhirInteraction(type, FhirPermission.Search));
            fhir.MapGet($"/{type}/{{id}}", (string id, HttpContext http, TactusDbContext db, ClinicalReference reference, Opioids opioids, CancellationToken ct) =>
                    ReadAsync(type, id, http, db, reference, opioids, ct))
                .RequireAuthorization(Policies.ClinicalRecords).WithMetadata(new FhirInteraction(type, FhirPermission.Read));
        }

        return fhir;
    }

    /// <summary>What a structured opioid statement needs to become FHIR: the reviewed table and the organisation's day.</summary>
    public sealed class Opioids(MorphineEquivalents table, OrganizationClock clock, TimeProvider time)
    {
        public Resource Build(OpioidStatement statement) => OpioidFhir.Build(statement, table, clock.Date(time.GetUtcNow()));
    }

    private static async Task<IResult> ReadAsync(string type, string id, HttpContext http, TactusDbContext db, ClinicalReference reference, Opioids opioids,
        CancellationToken ct)
    {
        // Intake-derived resources and goals are named after the row they live in: its id, then a suffix.
        var source = id.Length >= 32 && Guid.TryParseExact(id[..32], "N", out var rowId) ? rowId : (Guid?)null;
        Resource? found = type switch
        {
            "MedicationStatement" or "AllergyIntolerance" or "Consent" when source is { } intakeId =>
                await db.Intakes.AsNoTracking().SingleOrDefaultAsync(i => i.Id == intakeId, ct) is { } record && FhirApi.InPatientContext(http, record.PatientId)
                    ? FromIntake(type, record).FirstOrDefault(r => r.Id == id) : null,
            // A structured opioid statement is named by its own id (the intake's lines carry a suffix, so never parse as one).
            "MedicationStatement" when Guid.TryParse(id, out var statementId) =>
                await db.OpioidStatements.AsNoTracking().SingleOrDefaultAsync(o => o.Id == statementId, ct) is { } statement
                    && FhirApi.InPatientContext(http, statement.PatientId) ? opioids.Build(statement) : null,
            "Flag" when Guid.TryParse(id, out var findingId) =>
                await db.Findings.AsNoTracking().SingleOrDefaultAsync(f => f.Id == findingId, ct) is { } finding && FhirApi.InPatientContext(http, finding.PatientId)
                    ? CarePlanFhir.Flag(finding) : null,
            "CarePlan" when Guid.TryParse(id, out var planId) =>
                await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct) is { } plan && FhirApi.InPatientContext(http, plan.PatientId)
                    ? CarePlanFhir.Build(plan, TechniqueName(reference)) : null,
            "Goal" when source is { } planId =>
                await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, ct) is { } plan && FhirApi.InPatientContext(http, plan.PatientId)
                    ? CarePlanFhir.Goals(plan).FirstOrDefault(g => g.Id == id) : null,
            _ => null,
        };
        return found is null
            ? FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known.")
            : FhirApi.Resource(found);
    }

    private static async Task<IResult> SearchAsync(string type, HttpRequest request, TactusDbContext db, ClinicalReference reference, Opioids opioids,
        CancellationToken ct)
    {
        var query = request.Query;
        var unknown = FhirSearch.Unknown(query, Parameters[type]);
        if (FhirSearch.RefuseIfStrict(request, unknown) is { } refused)
        {
            return refused;
        }

        if (query.Keys.Any(k => query[k].Count > 1) || FhirSearch.Patient(request) is not var (patientId, outsideLaunch))
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                $"{type} search needs patient (Patient/{{id}}), each parameter once.");
        }

        var status = (query.TryGetValue("status", out var s) ? s : query["lifecycle-status"]).ToString();
        var resources = outsideLaunch ? [] : type switch
        {
            "MedicationStatement" => [.. await IntakeAsync(type, db, patientId, ct),
                .. (await db.OpioidStatements.AsNoTracking().Where(o => o.PatientId == patientId).OrderBy(o => o.TakenFrom).ThenBy(o => o.Id).ToListAsync(ct))
                    .Select(opioids.Build)],
            "AllergyIntolerance" or "Consent" => await IntakeAsync(type, db, patientId, ct),
            "Flag" => (await db.Findings.AsNoTracking().Where(f => f.PatientId == patientId).OrderByDescending(f => f.DetectedAt).ToListAsync(ct))
                .Select(CarePlanFhir.Flag).Where(f => status.Length == 0 || f.Status?.ToString().Equals(status, StringComparison.OrdinalIgnoreCase) == true).Cast<Resource>().ToList(),
            "CarePlan" or "Goal" => await PlansAsync(type, db, patientId, status, reference, ct),
            _ => [],
        };

        var bundle = FhirSearch.Searchset(request, resources, resources.Count);
        FhirSearch.ReportIgnored(bundle, unknown);
        return FhirApi.Resource(bundle);
    }

    /// <summary>The resources of the patient's latest intake, their current one.</summary>
    private static async Task<List<Resource>> IntakeAsync(string type, TactusDbContext db, Guid patientId, CancellationToken ct) =>
        await db.Intakes.AsNoTracking().Where(i => i.PatientId == patientId).OrderByDescending(i => i.RecordedAt).FirstOrDefaultAsync(ct) is { } latest
            ? FromIntake(type, latest).ToList() : [];

    private static async Task<List<Resource>> PlansAsync(string type, TactusDbContext db, Guid patientId, string status, ClinicalReference reference, CancellationToken ct)
    {
        var plans = await db.Plans.AsNoTracking().Where(p => p.PatientId == patientId).OrderByDescending(p => p.CreatedAt).ToListAsync(ct);
        IEnumerable<Resource> resources = type == "CarePlan"
            ? plans.Select(p => CarePlanFhir.Build(p, TechniqueName(reference))).Where(p => status.Length == 0 || Code(p.Status) == status)
            : plans.SelectMany(CarePlanFhir.Goals).Where(g => status.Length == 0 || Code(g.LifecycleStatus) == status);
        return resources.ToList();
    }

    private static IEnumerable<Resource> FromIntake(string type, PatientIntake intake) => type switch
    {
        "MedicationStatement" => IntakeFhir.Medications(intake),
        "AllergyIntolerance" => IntakeFhir.Allergies(intake),
        _ => IntakeFhir.Consents(intake),
    };

    private static Func<string, string> TechniqueName(ClinicalReference reference) => id => reference.FindTechnique(id)?.Name ?? id;

    private static string? Code<T>(T? value) where T : struct, Enum => value is { } v ? Hl7.Fhir.Utility.EnumUtility.GetLiteral(v) : null;
}
