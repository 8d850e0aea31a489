using System.Runtime.CompilerServices;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Fhir;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.BulkData;

/// <summary>
/// What an export holds, type by type, streamed from the database one row at a time through the same FHIR mappings the
/// REST API serves (so an exported resource is the resource a read answers). The caller's scoping applies underneath
/// every query, and each row is read-audited as it is materialised.
/// </summary>
public sealed class BulkExportResources(TactusDbContext db, ClinicalReference reference, InstrumentCatalog catalog, TimeProvider time,
    FhirPatientRecords.Opioids opioids)
{
    /// <summary>The types of the patient compartment Tactus serves (Patient- and Group-level exports).</summary>
    public static readonly IReadOnlyList<string> PatientTypes =
        ["Patient", "Condition", "ServiceRequest", "Observation", "QuestionnaireResponse", "Encounter", "Procedure", "DiagnosticReport",
         "DocumentReference", "MedicationStatement", "AllergyIntolerance", "Consent", "Flag", "CarePlan", "Goal", "Coverage", "ExplanationOfBenefit"];

    /// <summary>A system-level export adds the organisation and its practitioners.</summary>
    public static readonly IReadOnlyList<string> SystemTypes = [.. PatientTypes, "Practitioner", "PractitionerRole", "Organization"];

    public static IReadOnlyList<string> TypesOf(string level) => level == BulkExportLevels.System ? SystemTypes : PatientTypes;

    /// <param name="root">The server's base URL (canonical URLs of the questionnaires).</param>
    public async IAsyncEnumerable<Resource> StreamAsync(BulkExportJob job, string type, string root, [EnumeratorCancellation] CancellationToken ct)
    {
        var patients = Patients(job);
        var since = job.Since;
        var names = type is "ServiceRequest" or "Encounter" or "Practitioner" or "PractitionerRole"
            ? await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct)
            : [];
        switch (type)
        {
            case "Patient":
                await foreach (var patient in Ordered(patients.Where(p => since == null || p.UpdatedAt > since), p => p.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    yield return PatientFhir.Build(patient);
                }

                break;
            case "Condition":
                var conditions = db.Conditions.AsNoTracking().Where(c => since == null || c.RecordedAt > since);
                await foreach (var condition in Ordered(InCohort(conditions, patients, job), c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    yield return ConditionFhir.Build(condition);
                }

                break;
            case "ServiceRequest":
                // A referral changes by its status: one changed since _since is exported again.
                var referrals = db.Referrals.AsNoTracking().Where(r => since == null || r.CreatedAt > since || r.StatusChanges.Any(c => c.At > since));
                await foreach (var referral in Ordered(InCohort(referrals, patients, job), r => r.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    yield return ReferralFhir.Build(referral, names);
                }

                break;
            case "Observation" or "QuestionnaireResponse":
                var responses = db.MeasureResponses.AsNoTracking().Where(r => since == null || r.CompletedAt > since);
                await foreach (var response in Ordered(InCohort(responses, patients, job), r => r.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    yield return type == "Observation" ? ObservationFhir.Build(response, catalog.Find(response.Instrument)) : QuestionnaireFhir.BuildResponse(response, root);
                }

                if (type == "Observation")
                {
                    // And each visit's pain and stress ratings, before and after.
                    var rated = db.TreatmentSessions.AsNoTracking().Where(s => since == null || s.CheckedInAt > since || s.SignedAt > since);
                    await foreach (var session in Ordered(InCohort(rated, patients, job), s => s.Id).AsAsyncEnumerable().WithCancellation(ct))
                    {
                        foreach (var observation in SessionObservationFhir.Build(session))
                        {
                            yield return observation;
                        }
                    }
                }

                break;
            case "MedicationStatement" or "AllergyIntolerance" or "Consent":
                // The patient's latest intake is their current one: rows come by patient, newest first, and the first of each counts.
                var intakes = InCohort(db.Intakes.AsNoTracking().Where(i => since == null || i.RecordedAt > since), patients, job)
                    .OrderBy(i => i.PatientId).ThenByDescending(i => i.RecordedAt);
                Guid? previous = null;
                await foreach (var intake in intakes.AsAsyncEnumerable().WithCancellation(ct))
                {
                    if (intake.PatientId == previous)
                    {
                        continue;
                    }

                    previous = intake.PatientId;
                    IEnumerable<Resource> fromIntake = type switch
                    {
                        "MedicationStatement" => IntakeFhir.Medications(intake),
                        "AllergyIntolerance" => IntakeFhir.Allergies(intake),
                        _ => IntakeFhir.Consents(intake),
                    };
                    foreach (var resource in fromIntake)
                    {
                        yield return resource;
                    }
                }

                if (type == "MedicationStatement")
                {
                    // And the structured opioid statements. A statement keeps no time of change: one recorded since, or
                    // whose last day falls on or after the day of _since (a stop), counts as changed.
                    var sinceDay = since is { } at ? DateOnly.FromDateTime(at.UtcDateTime) : (DateOnly?)null;
                    var statements = db.OpioidStatements.AsNoTracking()
                        .Where(o => since == null || o.RecordedAt > since || (o.TakenUntil != null && o.TakenUntil >= sinceDay));
                    await foreach (var statement in Ordered(InCohort(statements, patients, job), o => o.Id).AsAsyncEnumerable().WithCancellation(ct))
                    {
                        yield return opioids.Build(statement);
                    }
                }

                break;
            case "Coverage" or "ExplanationOfBenefit":
                // An organisation has a handful of payers: named once, then every coverage or answered claim streams by.
                var payers = await db.Payers.AsNoTracking().ToDictionaryAsync(p => p.Id, ct);
                if (type == "Coverage")
                {
                    // A coverage keeps no time of change, so _since cannot narrow it: every coverage is exported.
                    var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                    await foreach (var coverage in Ordered(InCohort(db.Coverages.AsNoTracking(), patients, job), c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
                    {
                        if (payers.TryGetValue(coverage.PayerId, out var payer))
                        {
                            yield return BillingFhir.Build(coverage, payer, today);
                        }
                    }

                    break;
                }

                var answered = db.Claims.AsNoTracking().Where(c => c.RemittedAt != null && (since == null || c.RemittedAt > since));
                await foreach (var claim in Ordered(InCohort(answered, patients, job), c => c.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    if (payers.TryGetValue(claim.PayerId, out var payer))
                    {
                        yield return BillingFhir.Build(claim, payer);
                    }
                }

                break;
            case "Flag":
                var findings = db.Findings.AsNoTracking().Where(f => since == null || f.LastConfirmedAt > since || f.ClearedAt > since || f.ResolvedAt > since);
                await foreach (var finding in Ordered(InCohort(findings, patients, job), f => f.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    yield return CarePlanFhir.Flag(finding);
                }

                break;
            case "CarePlan" or "Goal":
                var plans = db.Plans.AsNoTracking().Where(p => since == null || p.CreatedAt > since || p.SignedAt > since || p.CertifiedAt > since);
                await foreach (var plan in Ordered(InCohort(plans, patients, job), p => p.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    if (type == "CarePlan")
                    {
                        yield return CarePlanFhir.Build(plan, id => reference.FindTechnique(id)?.Name ?? id);
                        continue;
                    }

                    foreach (var goal in CarePlanFhir.Goals(plan))
                    {
                        yield return goal;
                    }
                }

                break;
            case "Encounter" or "Procedure":
                var sessions = db.TreatmentSessions.AsNoTracking().Where(s => since == null || s.CheckedInAt > since || s.SignedAt > since);
                await foreach (var session in Ordered(InCohort(sessions, patients, job), s => s.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    if (type == "Encounter")
                    {
                        yield return EncounterFhir.Build(session, names.GetValueOrDefault(session.TherapistId));
                        continue;
                    }

                    foreach (var procedure in EncounterFhir.Procedures(session, reference))
                    {
                        yield return procedure;
                    }
                }

                break;
            case "DiagnosticReport" or "DocumentReference":
                var organization = await db.Organizations.AsNoTracking().SingleAsync(ct);
                var reports = db.OutcomeReports.AsNoTracking().Where(r => since == null || r.CreatedAt > since || r.SentAt > since || r.AcknowledgedAt > since);
                await foreach (var report in Ordered(InCohort(reports, patients, job), r => r.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    yield return type == "DiagnosticReport" ? Reports.ReportFhir.Build(report, organization.Name) : FhirDocuments.Build(report);
                }

                break;
            case "Practitioner" or "PractitionerRole":
                await foreach (var practitioner in db.Practitioners.AsNoTracking().OrderBy(p => p.Id).AsAsyncEnumerable().WithCancellation(ct))
                {
                    var name = names.GetValueOrDefault(practitioner.UserId) ?? "";
                    yield return type == "Practitioner" ? FhirPractitioners.Build(practitioner, name) : FhirPractitioners.BuildRole(practitioner, name);
                }

                break;
            case "Organization":
                var own = await db.Organizations.AsNoTracking().SingleAsync(ct);
                yield return FhirPractitioners.BuildOrganization(own, await db.BillingProfiles.AsNoTracking().Select(b => b.Npi).FirstOrDefaultAsync(ct));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Not an exported type.");
        }
    }

    /// <summary>The export's patients: the cohort of a Group-level export, otherwise every patient the caller may see.</summary>
    private IQueryable<Patients.Patient> Patients(BulkExportJob job) =>
        job.Level == BulkExportLevels.Group && ProgrammeCohorts.Find(reference, job.GroupId!) is { } protocol
            ? ProgrammeCohorts.Members(db, protocol).AsNoTracking()
            : db.Patients.AsNoTracking();

    private static IQueryable<T> InCohort<T>(IQueryable<T> rows, IQueryable<Patients.Patient> patients, BulkExportJob job)
        where T : Access.IPatientData =>
        job.Level == BulkExportLevels.Group ? rows.Where(r => patients.Any(p => p.Id == r.PatientId)) : rows;

    /// <summary>In key order, so that a file is the same for the same data and the query reads the primary key's index.</summary>
    private static IOrderedQueryable<T> Ordered<T>(IQueryable<T> rows, System.Linq.Expressions.Expression<Func<T, Guid>> key) => rows.OrderBy(key);
}

public static class BulkExportLevels
{
    public const string System = "system";
    public const string Patient = "patient";
    public const string Group = "group";
}
