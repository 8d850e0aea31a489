using System.Text.Json;
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
    public const string ContentType = "application/fhir+json";

    public static IEndpointRouteBuilder MapFhirApi(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").RequireAuthorization(Policies.ClinicalRecords);
        fhir.MapGet("/DiagnosticReport/{id}", async (string id, TactusDbContext db, Organizations.OrganizationName organization, CancellationToken ct) =>
        {
            if (!Guid.TryParse(id, out var reportId)
                || await db.OutcomeReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, ct) is not { } report)
            {
                return Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"DiagnosticReport/{id} is not known.");
            }

            var resource = ReportFhir.Build(report, await organization.CurrentAsync(ct));
            return Results.Text(ReportFhir.Serialize(resource), ContentType, System.Text.Encoding.UTF8);
        });
        fhir.MapFallback(() => Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotSupported, "This FHIR interaction is not supported."));
        return app;
    }

    public static IResult Outcome(int status, OperationOutcome.IssueType type, string message) =>
        Results.Text(JsonSerializer.Serialize(OperationOutcomeFor(status, type, message), ReportFhir.Json), ContentType, System.Text.Encoding.UTF8, status);

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
