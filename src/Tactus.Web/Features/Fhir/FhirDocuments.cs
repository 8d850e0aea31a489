using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Reports;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// An outcome report's PDF as FHIR: a DocumentReference that describes it and points to Binary/{id}, whose content is the
/// same PDF the report page gives (ReportPdf, rendered from the report's snapshot). The Binary answers the PDF itself to
/// a client that asks for application/pdf, and a FHIR Binary (base64) to one that asks for FHIR.
/// </summary>
public static class FhirDocuments
{
    public static RouteGroupBuilder MapDocuments(this RouteGroupBuilder fhir)
    {
        fhir.MapGet("/DocumentReference", SearchAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(new FhirInteraction("DocumentReference", FhirPermission.Search));
        fhir.MapGet("/DocumentReference/{id}", ReadAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(new FhirInteraction("DocumentReference", FhirPermission.Read));
        fhir.MapGet("/Binary/{id}", BinaryAsync).RequireAuthorization(Policies.ClinicalRecords)
            .WithMetadata(new FhirInteraction("Binary", FhirPermission.Read));
        return fhir;
    }

    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> Parameters = [("patient", SearchParamType.Reference)];

    public static DocumentReference Build(OutcomeReport report) => new()
    {
        Id = report.Id.ToString(),
        Status = DocumentReferenceStatus.Current,
        DocStatus = report.Status == ReportStatus.Draft ? CompositionStatus.Preliminary : CompositionStatus.Final,
        Type = new CodeableConcept { Text = $"Medical massage {report.Title.ToLowerInvariant()}" },
        Category = [new CodeableConcept("http://hl7.org/fhir/us/core/CodeSystem/us-core-documentreference-category", "clinical-note", "Clinical Note")],
        Subject = new ResourceReference($"Patient/{report.PatientId}"),
        Date = report.CreatedAt,
        Content =
        [
            new DocumentReference.ContentComponent
            {
                Attachment = new Attachment
                {
                    ContentType = "application/pdf",
                    Url = $"Binary/{report.Id}",
                    Title = ReportPdf.FileName(report),
                    Creation = report.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                },
            },
        ],
        Context = new DocumentReference.ContextComponent { Related = [new ResourceReference($"DiagnosticReport/{report.Id}")] },
    };

    private static async Task<OutcomeReport?> FindAsync(TactusDbContext db, HttpContext http, string id, CancellationToken ct) =>
        Guid.TryParse(id, out var reportId) && await db.OutcomeReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == reportId, ct) is { } report
            && FhirApi.InPatientContext(http, report.PatientId) ? report : null;

    private static async Task<IResult> ReadAsync(string id, HttpContext http, TactusDbContext db, CancellationToken ct) =>
        await FindAsync(db, http, id, ct) is { } report
            ? FhirApi.Resource(Build(report))
            : FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"DocumentReference/{id} is not known.");

    private static async Task<IResult> BinaryAsync(string id, HttpContext http, TactusDbContext db, OrganizationName organization, OrganizationClock clock, CancellationToken ct)
    {
        if (await FindAsync(db, http, id, ct) is not { } report)
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Binary/{id} is not known.");
        }

        var pdf = ReportPdf.Render(report, await organization.CurrentAsync(ct), await clock.ZoneAsync(ct));
        var accept = http.Request.Headers.Accept.ToString();
        if (accept.Contains("application/pdf", StringComparison.OrdinalIgnoreCase) || accept.Contains("*/*", StringComparison.Ordinal) && !accept.Contains("fhir", StringComparison.OrdinalIgnoreCase))
        {
            return Results.File(pdf, "application/pdf", ReportPdf.FileName(report));
        }

        return FhirApi.Resource(new Binary
        {
            Id = report.Id.ToString(),
            ContentType = "application/pdf",
            SecurityContext = new ResourceReference($"DocumentReference/{report.Id}"),
            Data = pdf,
        });
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, TactusDbContext db, CancellationToken ct)
    {
        var unknown = FhirSearch.Unknown(request.Query, Parameters);
        if (FhirSearch.RefuseIfStrict(request, unknown) is { } refused)
        {
            return refused;
        }

        if (FhirSearch.Patient(request) is not var (patientId, outsideLaunch))
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "DocumentReference search needs patient (Patient/{id}), once.");
        }

        var reports = outsideLaunch ? []
            : await db.OutcomeReports.AsNoTracking().Where(r => r.PatientId == patientId).OrderByDescending(r => r.CreatedAt).Take(100).ToListAsync(ct);
        var bundle = FhirSearch.Searchset(request, [.. reports.Select(Build)], reports.Count < 100 ? reports.Count : null);
        FhirSearch.ReportIgnored(bundle, unknown);
        return FhirApi.Resource(bundle);
    }
}
