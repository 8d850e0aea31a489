using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Patients;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// <c>POST /fhir/Patient</c> and <c>PUT /fhir/Patient/{id}</c>: an EHR registers or corrects a patient through the same
/// workflow as the registration form (duplicate check, care team, audit in the same transaction).
/// </summary>
public static class FhirPatientWrites
{
    /// <summary>
    /// Create, or with <c>If-None-Exist</c> a conditional create (FHIR R4 §3.1.0.8.1): no match creates, one match answers
    /// 200 with that patient and creates nothing (so a retried registration is not doubled), several answer 412.
    /// </summary>
    public static async Task<IResult> CreateAsync(HttpRequest request, PatientWorkflow workflow, TactusDbContext db, CancellationToken ct)
    {
        if (request.HttpContext.Features.Get<Smart.FhirPatientContext>() is not null)
        {
            return FhirApi.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden,
                "A token launched for one patient cannot register another.");
        }

        var body = await FhirRequestBody.ReadAsync<Hl7.Fhir.Model.Patient>(request);
        if (body.Error is { } error)
        {
            return error;
        }

        return (await CreateCoreAsync(body.Resource!, request.Headers["If-None-Exist"].ToString(), workflow, db, request.HttpContext.RequestServices, ct))
            .ToResult(request);
    }

    /// <summary>The create itself, shared with the transaction bundle (whose entries carry their own If-None-Exist).</summary>
    public static async Task<FhirWriteOutcome> CreateCoreAsync(Hl7.Fhir.Model.Patient resource, string? condition, PatientWorkflow workflow,
        TactusDbContext db, IServiceProvider services, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(condition))
        {
            var query = new QueryCollection(QueryHelpers.ParseQuery(condition.StartsWith('?') ? condition : "?" + condition));
            if (FhirPatientSearch.Unknown(query).Where(k => k != "_count" && k != "_cursor") is var unknown && unknown.Any()
                || query.Count == 0 || FhirPatientSearch.Criteria(query) is not { } parsed)
            {
                return FhirWriteOutcome.Fail(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                    "If-None-Exist takes Patient search parameters Tactus honours (identifier, name, family, given, birthdate). "
                    + (FhirPatientSearch.Problem(query) ?? ""));
            }

            if (parsed.OtherSystem)
            {
                // Another system's identifier: the EHR's own, as Tactus keeps it for the patients that EHR registered.
                if (query["identifier"].ToString().Split('|') is [var system, var value] && await FindExternalAsync(db, (system, value), ct) is { } registered)
                {
                    return Outcome(registered, StatusCodes.Status200OK);
                }
            }
            else
            {
                var matches = await db.SearchPatientsAsync(parsed.Criteria with { PageSize = 2, After = null }, ct);
                if (matches.Items.Count > 1)
                {
                    return FhirWriteOutcome.Fail(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.MultipleMatches,
                        "More than one patient matches If-None-Exist; make the condition specific.");
                }

                if (matches.Items.Count == 1)
                {
                    return Outcome(matches.Items[0], StatusCodes.Status200OK);
                }
            }
        }

        // A Patient carrying the EHR's identifier that Tactus already holds is that patient, with or without If-None-Exist.
        var external = PatientFhirInput.ExternalIdentifier(resource);
        if (external is { } known && await FindExternalAsync(db, known, ct) is { } existing)
        {
            return Outcome(existing, StatusCodes.Status200OK);
        }

        var (input, problems) = PatientFhirInput.Read<NewPatientInput>(resource, services, i => i.ExternalIdentifier = external);
        if (problems is not null)
        {
            return FhirWriteOutcome.Invalid(problems);
        }

        try
        {
            return Outcome(await workflow.CreateAsync(input!, ct), StatusCodes.Status201Created);
        }
        catch (Exception e) when ((e is DbUpdateException or DomainRuleException) && external is not null && db.Database.CurrentTransaction is null)
        {
            // A concurrent retry by the same EHR committed first: the unique index (or the duplicate check) refused this
            // one. Answer with the patient it registered.
            if (await FindExternalAsync(db, external.Value, ct) is { } first)
            {
                return Outcome(first, StatusCodes.Status200OK);
            }

            throw;
        }
    }

    private static Task<Patients.Patient?> FindExternalAsync(TactusDbContext db, (string System, string Value) identifier, CancellationToken ct) =>
        db.Patients.AsNoTracking().FirstOrDefaultAsync(p => p.ExternalSystem == identifier.System && p.ExternalId == identifier.Value && p.MergedIntoId == null, ct);

    private static FhirWriteOutcome Outcome(Patients.Patient patient, int status) =>
        new(PatientFhir.Build(patient), status, null, patient.Version.ToString(CultureInfo.InvariantCulture), patient.UpdatedAt);

    /// <summary>
    /// Update (FHIR R4 §3.1.0.4): the body replaces the demographics. <c>If-Match</c> with the version read makes it a
    /// version-aware update that a concurrent change turns into 412 rather than overwriting. A patient the caller cannot
    /// see, or that does not exist, is 404: Tactus assigns patients' ids, so an update never creates.
    /// </summary>
    public static async Task<IResult> UpdateAsync(string id, HttpRequest request, PatientWorkflow workflow, TactusDbContext db, CancellationToken ct)
    {
        var body = await FhirRequestBody.ReadAsync<Hl7.Fhir.Model.Patient>(request);
        if (body.Error is { } error)
        {
            return error;
        }

        if (body.Resource!.Id != id)
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                "The resource's id must be the id in the address (FHIR R4 §3.1.0.4).");
        }

        int? expected = null;
        if (request.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch)
        {
            if (ParseVersion(ifMatch) is not { } version)
            {
                return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "If-Match takes the ETag a read returned, such as W/\"3\".");
            }

            expected = version;
        }

        if (!Guid.TryParse(id, out var patientId) || !FhirApi.InPatientContext(request.HttpContext, patientId))
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Patient/{id} is not known.");
        }

        // With If-Match the workflow compares versions itself (a stale one is refused below as 412); without it the
        // update applies to the version stored now, so that one is read first.
        var current = expected ?? await db.Patients.Where(p => p.Id == patientId).Select(p => (int?)p.Version).SingleOrDefaultAsync(ct);
        if (current is null)
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Patient/{id} is not known.");
        }

        var (input, problems) = PatientFhirInput.Read<PatientUpdate>(body.Resource, request.HttpContext.RequestServices,
            update => update.Version = current);
        if (problems is not null)
        {
            return new FhirResult(problems, StatusCodes.Status422UnprocessableEntity);
        }

        try
        {
            var patient = await workflow.UpdateAsync(patientId, input!, ct);
            return patient is null
                ? FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Patient/{id} is not known.")
                : Written(request, patient, StatusCodes.Status200OK);
        }
        catch (Exception e) when (e is DomainRuleException { Code: "stale-version" } or DbUpdateConcurrencyException)
        {
            return VersionConflict(current.Value, null);
        }
    }

    /// <summary>A weak or strong ETag of a version, as FHIR servers give it (<c>W/"3"</c>).</summary>
    public static int? ParseVersion(string etag)
    {
        var value = etag.Trim();
        value = value.StartsWith("W/", StringComparison.Ordinal) ? value[2..] : value;
        value = value.Trim('"');
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0 ? version : null;
    }

    private static IResult VersionConflict(int wanted, int? current) =>
        FhirApi.Outcome(StatusCodes.Status412PreconditionFailed, OperationOutcome.IssueType.Conflict,
            $"The patient changed since version {wanted} was read{(current is { } now ? $" (it is now version {now})" : "")}; read it again and apply the change to the new version.");

    private static IResult Written(HttpRequest request, Patients.Patient patient, int status) =>
        FhirApi.Written(request, PatientFhir.Build(patient), status, patient.Version.ToString(CultureInfo.InvariantCulture), patient.UpdatedAt);
}
