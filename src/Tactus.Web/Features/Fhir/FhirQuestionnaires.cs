using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Questionnaires;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// Questionnaire read and search (the instruments the caller's organisation can administer), QuestionnaireResponse read
/// and create: a response sent through FHIR is scored and raises its safety alerts exactly as one entered in Tactus
/// (MeasureWorkflow), in the same transaction.
/// </summary>
public static class FhirQuestionnaires
{
    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static async Task<IResult> ReadAsync(string id, OrganizationInstruments instruments, HttpRequest request, CancellationToken ct) =>
        await instruments.FindAsync(id, ct) is { IsSlot: false } definition
            ? FhirApi.Resource(QuestionnaireFhir.Build(definition, Root(request)))
            : FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound,
                $"Questionnaire/{id} is not served (unknown, or licensed and your organisation has not supplied its wording).");

    public static async Task<IResult> SearchAsync(OrganizationInstruments instruments, HttpRequest request, CancellationToken ct)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        var url = request.Query["url"].ToString();
        foreach (var definition in (await instruments.ListAsync(ct)).Where(d => !d.IsSlot))
        {
            var questionnaire = QuestionnaireFhir.Build(definition, Root(request));
            if (url.Length == 0 || questionnaire.Url == url)
            {
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = questionnaire.Url, Resource = questionnaire, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match } });
            }
        }

        return FhirApi.Resource(bundle);
    }

    public static async Task<IResult> ReadResponseAsync(string id, TactusDbContext db, HttpRequest request, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var responseId)
            || await db.MeasureResponses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == responseId, ct) is not { } response
            || !FhirApi.InPatientContext(request.HttpContext, response.PatientId))
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"QuestionnaireResponse/{id} is not known.");
        }

        return FhirApi.Resource(QuestionnaireFhir.BuildResponse(response, Root(request)));
    }

    public static async Task<IResult> CreateResponseAsync(HttpRequest request, MeasureWorkflow workflow, InstrumentCatalog catalog, CancellationToken ct)
    {
        var body = await FhirRequestBody.ReadAsync<QuestionnaireResponse>(request);
        if (body.Error is { } error)
        {
            return error;
        }

        var resource = body.Resource!;
        var patientId = resource.Subject?.Reference is { } subject ? ReferralFhirInput.StoredReferences.Id(subject, "Patient") : null;
        var (instrument, answers, problem) = QuestionnaireFhir.ReadResponse(resource, catalog.Find);
        if (patientId is null || problem is not null)
        {
            return FhirApi.Outcome(StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.Invalid,
                problem ?? "QuestionnaireResponse.subject must be Patient/{id}.");
        }

        if (!FhirApi.InPatientContext(request.HttpContext, patientId.Value))
        {
            return FhirApi.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "A token launched for one patient records that patient's answers only.");
        }

        if (await workflow.RecordAsync(patientId.Value, instrument!, answers!, ct) is not { } recorded)
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Patient/{patientId} is not known.");
        }

        return new FhirWriteOutcome(QuestionnaireFhir.BuildResponse(recorded.Response, Root(request)), StatusCodes.Status201Created,
            LastModified: recorded.Response.CompletedAt).ToResult(request);
    }
}
