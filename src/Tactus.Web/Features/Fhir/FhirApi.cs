using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Reports;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// The FHIR R4 read surface (application/fhir+json). Every failure answers an OperationOutcome, never a
/// problem document or an HTML page: FHIR clients expect one.
/// </summary>
public static class FhirApi
{
    public static IEndpointRouteBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        // The capability statement is public, as FHIR clients read it before they authenticate.
        app.MapGet("/fhir/metadata", GetCapabilities).AllowAnonymous();
        // Who comes in at all: the clinical readers, patients, and the billing roles (minimum necessary: a biller's work is
        // the patient, their coverage and the payer's answers, so those routes admit them and every other route does not).
        var everyone = app.MapGroup("/fhir").RequireAuthorization(Policies.FhirAccess).AddEndpointFilter<Smart.FhirScopeFilter>()
            .AddEndpointFilter<FhirVersionFilter>();
        everyone.MapGroup("").RequireAuthorization(Policies.Billing).MapBilling();
        everyone.MapGet("/Patient", FhirPatientSearch.SearchAsync).WithMetadata(Interaction("Patient", FhirPermission.Search));
        everyone.MapGet("/Patient/{id}", GetPatientAsync).WithMetadata(Interaction("Patient", FhirPermission.Read));
        var fhir = everyone.MapGroup("").RequireAuthorization(Policies.FhirRecords);
        fhir.MapPost("/Patient", FhirPatientWrites.CreateAsync).RequireAuthorization(Policies.PatientEditing)
            .WithMetadata(Interaction("Patient", FhirPermission.Create));
        fhir.MapPut("/Patient/{id}", FhirPatientWrites.UpdateAsync).RequireAuthorization(Policies.PatientEditing)
            .WithMetadata(Interaction("Patient", FhirPermission.Update));
        fhir.MapPost("", FhirTransaction.ProcessAsync);
        fhir.MapGet("/ServiceRequest", FhirServiceRequests.SearchAsync).WithMetadata(Interaction("ServiceRequest", FhirPermission.Search));
        fhir.MapGet("/ServiceRequest/{id}", FhirServiceRequests.ReadAsync).WithMetadata(Interaction("ServiceRequest", FhirPermission.Read));
        fhir.MapPost("/ServiceRequest", FhirServiceRequests.CreateAsync).RequireAuthorization(Policies.ReferralEntry)
            .WithMetadata(Interaction("ServiceRequest", FhirPermission.Create));
        fhir.MapGet("/Condition", FhirConditions.SearchAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("Condition", FhirPermission.Search));
        fhir.MapGet("/Condition/{id}", FhirConditions.ReadAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("Condition", FhirPermission.Read));
        fhir.MapPost("/Condition", FhirConditions.CreateAsync).RequireAuthorization(Policies.PatientEditing)
            .WithMetadata(Interaction("Condition", FhirPermission.Create));
        fhir.MapGet("/Observation", FhirObservations.SearchAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("Observation", FhirPermission.Search));
        fhir.MapGet("/Observation/{id}", FhirObservations.ReadAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("Observation", FhirPermission.Read));
        fhir.MapGet("/Practitioner", FhirPractitioners.SearchAsync).WithMetadata(Interaction("Practitioner", FhirPermission.Search));
        fhir.MapGet("/Practitioner/{id}", FhirPractitioners.ReadAsync).WithMetadata(Interaction("Practitioner", FhirPermission.Read));
        fhir.MapGet("/PractitionerRole", FhirPractitioners.SearchRolesAsync).WithMetadata(Interaction("PractitionerRole", FhirPermission.Search));
        fhir.MapGet("/PractitionerRole/{id}", FhirPractitioners.ReadRoleAsync).WithMetadata(Interaction("PractitionerRole", FhirPermission.Read));
        fhir.MapGet("/Organization/{id}", FhirPractitioners.ReadOrganizationAsync).WithMetadata(Interaction("Organization", FhirPermission.Read));
        fhir.MapGet("/Encounter", FhirEncounters.SearchEncountersAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("Encounter", FhirPermission.Search));
        fhir.MapGet("/Encounter/{id}", FhirEncounters.ReadEncounterAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("Encounter", FhirPermission.Read));
        fhir.MapGet("/Procedure", FhirEncounters.SearchProceduresAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("Procedure", FhirPermission.Search));
        fhir.MapGet("/Procedure/{id}", FhirEncounters.ReadProcedureAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("Procedure", FhirPermission.Read));
        fhir.MapGet("/Questionnaire", FhirQuestionnaires.SearchAsync).WithMetadata(Interaction("Questionnaire", FhirPermission.Search));
        fhir.MapGet("/Questionnaire/{id}", FhirQuestionnaires.ReadAsync).WithMetadata(Interaction("Questionnaire", FhirPermission.Read));
        fhir.MapGet("/QuestionnaireResponse", FhirQuestionnaireResponses.SearchAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("QuestionnaireResponse", FhirPermission.Search));
        fhir.MapGet("/QuestionnaireResponse/{id}", FhirQuestionnaires.ReadResponseAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(Interaction("QuestionnaireResponse", FhirPermission.Read));
        fhir.MapPost("/QuestionnaireResponse", FhirQuestionnaires.CreateResponseAsync)
            .WithMetadata(Interaction("QuestionnaireResponse", FhirPermission.Create));
        fhir.MapGet("/DiagnosticReport/{id}", async (string id, TactusDbContext db, Organizations.OrganizationName organization, HttpContext http, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var reportId)
                || await db.OutcomeReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, ct) is not { } report
                || !InPatientContext(http, report.PatientId))
            {
                return Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"DiagnosticReport/{id} is not known.");
            }

            return Resource(ReportFhir.Build(report, await organization.CurrentAsync(ct)));
        }).RequireAuthorization(Policies.ClinicalRecords) // reports go to the care team, not the portal (the access matrix)
            .WithMetadata(Interaction("DiagnosticReport", FhirPermission.Read));
        fhir.MapPatientRecords();
        fhir.MapDocuments();
        fhir.MapFallback(Unsupported);
        return app;
    }

    private static Smart.FhirInteraction Interaction(string type, FhirPermission permission) => new(type, permission);

    /// <summary>
    /// False when a token launched for one patient (patient-level scopes only) reaches for another patient's record: that
    /// answers 404, as a record outside the caller's reach does everywhere.
    /// </summary>
    public static bool InPatientContext(HttpContext http, Guid patientId) =>
        http.Features.Get<Smart.FhirPatientContext>() is not { } context || context.PatientId == patientId;

    /// <summary>The resource types served (FhirCapabilities): another interaction on one of them is 405, an unknown type 404.</summary>
    private static readonly HashSet<string> Served = ["metadata", "Patient", "Practitioner", "Organization", "ServiceRequest", "Condition", "Encounter", "Procedure", "Observation", "Questionnaire", "QuestionnaireResponse", "DiagnosticReport", "Group", "MedicationStatement", "AllergyIntolerance", "Consent", "Flag", "CarePlan", "Goal", "DocumentReference", "Binary", "PractitionerRole", "Coverage", "ExplanationOfBenefit"];

    private static IResult Unsupported(HttpRequest request)
    {
        var type = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return type is not null && Served.Contains(type)
            ? Outcome(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, $"{request.Method} is not supported on {type} (see /fhir/metadata).")
            : Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, "This FHIR interaction is not supported (see /fhir/metadata).");
    }

    private static IResult GetCapabilities(TimeProvider time, HttpRequest request) =>
        Resource(FhirCapabilities.Build(time.GetUtcNow(), $"{request.Scheme}://{request.Host}{request.PathBase}"));

    /// <summary>A patient the caller may see (the context scopes it), with its version counter (FhirVersionFilter gives the ETag); another organisation's answers 404.</summary>
    private static async Task<IResult> GetPatientAsync(string id, TactusDbContext db, HttpResponse response, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var patientId)
            || !InPatientContext(response.HttpContext, patientId)
            || await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct) is not { } patient)
        {
            return Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Patient/{id} is not known.");
        }

        return Resource(PatientFhir.Build(patient));
    }

    public static IResult Resource(Resource resource) => new FhirResult(resource);

    /// <summary>
    /// The answer to a write (FHIR R4 §3.1.0.1.7): Location (with the version when the resource has one), ETag and
    /// Last-Modified, and the body the client asked for with <c>Prefer: return=minimal | representation | OperationOutcome</c>.
    /// </summary>
    public static IResult Written(HttpRequest request, Resource resource, int status, string? version, DateTimeOffset? lastModified)
    {
        var response = request.HttpContext.Response;
        var location = $"{request.Scheme}://{request.Host}/fhir/{resource.TypeName}/{resource.Id}";
        response.Headers.Location = version is null ? location : $"{location}/_history/{version}";
        if (version is not null)
        {
            response.Headers.ETag = $"W/\"{version}\"";
        }

        if (lastModified is { } modified)
        {
            response.Headers.LastModified = modified.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        }

        var prefer = request.Headers["Prefer"].ToString();
        if (prefer.Contains("return=minimal", StringComparison.OrdinalIgnoreCase))
        {
            return Results.StatusCode(status);
        }

        if (prefer.Contains("return=OperationOutcome", StringComparison.OrdinalIgnoreCase))
        {
            var outcome = OperationOutcomeFor(status, OperationOutcome.IssueType.Informational, $"{resource.TypeName}/{resource.Id} stored.");
            outcome.Issue[0].Severity = OperationOutcome.IssueSeverity.Information;
            return new FhirResult(outcome, status);
        }

        return new FhirResult(resource, status);
    }

    /// <summary>
    /// A status with no body under /fhir (a refused sign-in, a forbidden role, an unknown route, a refused method, too many
    /// requests) answers an OperationOutcome, not the HTML error page people see.
    /// </summary>
    public static System.Threading.Tasks.Task StatusCodeOutcomeAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        if (status == StatusCodes.Status401Unauthorized && !context.HttpContext.Response.Headers.ContainsKey("WWW-Authenticate"))
        {
            // RFC 6750 §3: a client without a token learns it needs one (SMART discovery names where to get it).
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer realm=\"Tactus FHIR\"";
        }

        var (type, message) = status switch
        {
            401 => (OperationOutcome.IssueType.Login, "Sign in, or send an access token (see /fhir/.well-known/smart-configuration)."),
            403 => (OperationOutcome.IssueType.Forbidden, "Your role may not read clinical records."),
            404 => (OperationOutcome.IssueType.NotFound, "Nothing is known at this address."),
            405 => (OperationOutcome.IssueType.NotSupported, "This method is not supported here."),
            406 or 415 => (OperationOutcome.IssueType.NotSupported, "Tactus speaks application/fhir+json."),
            429 => (OperationOutcome.IssueType.Throttled, "Too many requests; wait and try again."),
            _ => (OperationOutcome.IssueType.Processing, $"The request could not be completed ({status})."),
        };
        return Outcome(status, type, message).ExecuteAsync(context.HttpContext);
    }

    public static IResult Outcome(int status, OperationOutcome.IssueType type, string message) =>
        new FhirResult(OperationOutcomeFor(status, type, message), status);

    /// <summary>One element a client must fix (422), named by its FHIRPath so the client's developer finds it.</summary>
    public static OperationOutcome.IssueComponent Issue(string element, string message) => new()
    {
        Severity = OperationOutcome.IssueSeverity.Error,
        Code = OperationOutcome.IssueType.Invalid,
        Diagnostics = message,
        Expression = [element],
    };

    public static OperationOutcome OperationOutcomeFor(int status, OperationOutcome.IssueType type, string message) => new()
    {
        Issue =
        [
            new OperationOutcome.IssueComponent
            {
                Severity = status >= 500 ? OperationOutcome.IssueSeverity.Fatal : OperationOutcome.IssueSeverity.Error,
                Code = type,
                Diagnostics = message,
            },
        ],
    };
}
