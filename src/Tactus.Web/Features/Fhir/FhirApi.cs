using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Reports;

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
        var fhir = app.MapGroup("/fhir").RequireAuthorization(Policies.ClinicalRecords);
        fhir.MapGet("/Patient", FhirPatientSearch.SearchAsync);
        fhir.MapGet("/Patient/{id}", GetPatientAsync);
        fhir.MapGet("/DiagnosticReport/{id}", async (string id, TactusDbContext db, Organizations.OrganizationName organization, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var reportId)
                || await db.OutcomeReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, ct) is not { } report)
            {
                return Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"DiagnosticReport/{id} is not known.");
            }

            return Resource(ReportFhir.Build(report, await organization.CurrentAsync(ct)));
        });
        fhir.MapFallback(Unsupported);
        return app;
    }

    /// <summary>The resource types served (FhirCapabilities): another interaction on one of them is 405, an unknown type 404.</summary>
    private static readonly HashSet<string> Served = ["metadata", "Patient", "DiagnosticReport"];

    private static IResult Unsupported(HttpRequest request)
    {
        var type = request.Path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(1);
        return type is not null && Served.Contains(type)
            ? Outcome(StatusCodes.Status405MethodNotAllowed, OperationOutcome.IssueType.NotSupported, $"{request.Method} is not supported on {type} (see /fhir/metadata).")
            : Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, "This FHIR interaction is not supported (see /fhir/metadata).");
    }

    private static IResult GetCapabilities(TimeProvider time) => Resource(FhirCapabilities.Build(time.GetUtcNow()));

    /// <summary>A patient the caller may see (the context scopes it), with its version as the ETag; another organisation's answers 404.</summary>
    private static async Task<IResult> GetPatientAsync(string id, TactusDbContext db, HttpResponse response, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var patientId)
            || await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct) is not { } patient)
        {
            return Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Patient/{id} is not known.");
        }

        response.Headers.ETag = $"W/\"{patient.Version}\"";
        response.Headers.LastModified = patient.UpdatedAt.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        return Resource(PatientFhir.Build(patient));
    }

    public static IResult Resource(Resource resource) => new FhirResult(resource);

    /// <summary>
    /// A status with no body under /fhir (a refused sign-in, a forbidden role, an unknown route, a refused method, too many
    /// requests) answers an OperationOutcome, not the HTML error page people see.
    /// </summary>
    public static System.Threading.Tasks.Task StatusCodeOutcomeAsync(Microsoft.AspNetCore.Diagnostics.StatusCodeContext context)
    {
        var status = context.HttpContext.Response.StatusCode;
        var (type, message) = status switch
        {
            401 => (OperationOutcome.IssueType.Login, "Sign in to use the FHIR interface."),
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
