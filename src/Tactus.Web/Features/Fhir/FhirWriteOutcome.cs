using Hl7.Fhir.Model;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// What one FHIR write did, before it becomes an HTTP answer: on its own (<see cref="ToResult"/>) or as one entry of a
/// transaction's response (FhirTransaction), which needs the status and location but answers once for all entries.
/// </summary>
public sealed record FhirWriteOutcome(Resource? Resource, int Status, OperationOutcome? Problem = null, string? Version = null, DateTimeOffset? LastModified = null)
{
    public bool Failed => Problem is not null;

    public static FhirWriteOutcome Fail(int status, OperationOutcome.IssueType type, string message) =>
        new(null, status, FhirApi.OperationOutcomeFor(status, type, message));

    public static FhirWriteOutcome Invalid(OperationOutcome problems) => new(null, StatusCodes.Status422UnprocessableEntity, problems);

    public IResult ToResult(HttpRequest request) =>
        Problem is not null ? new FhirResult(Problem, Status) : FhirApi.Written(request, Resource!, Status, Version, LastModified);
}
