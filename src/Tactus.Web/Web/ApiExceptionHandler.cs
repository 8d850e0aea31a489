using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Tactus.Web.Web;

/// <summary>
/// The one place that turns failures under /api into RFC 7807 problem details. Client mistakes get
/// their own status and a message; anything else is a 500 that says nothing about internals.
/// Pages fall through to the HTML error page.
/// </summary>
public sealed class ApiExceptionHandler(IProblemDetailsService problemDetails, ILogger<ApiExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        // UseExceptionHandler has already rewritten Request.Path to the error page; the feature keeps the original.
        var originalPath = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
        var fhir = originalPath is not null && new PathString(originalPath).StartsWithSegments("/fhir");
        if (originalPath is null || (!fhir && !new PathString(originalPath).StartsWithSegments("/api")))
        {
            return false;
        }

        var (status, title, detail, code) = exception switch
        {
            DomainRuleException rule => (rule.StatusCode, "The request breaks a rule", rule.Message, rule.Code),
            DbUpdateConcurrencyException => (StatusCodes.Status409Conflict, "The record changed since you read it",
                "Someone else saved this record after you loaded it. Reload it and apply your change again.", "stale-version"),
            BadHttpRequestException bad => (bad.StatusCode, "The request could not be read", bad.Message, "bad-request"),
            _ => (StatusCodes.Status500InternalServerError, "An unexpected error occurred", null, "internal-error"),
        };
        if (status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Path}", originalPath);
        }

        httpContext.Response.StatusCode = status;
        if (fhir)
        {
            // FHIR clients read an OperationOutcome, whatever went wrong.
            var issue = status switch
            {
                404 => Hl7.Fhir.Model.OperationOutcome.IssueType.NotFound,
                403 => Hl7.Fhir.Model.OperationOutcome.IssueType.Forbidden,
                >= 500 => Hl7.Fhir.Model.OperationOutcome.IssueType.Exception,
                _ => Hl7.Fhir.Model.OperationOutcome.IssueType.Invalid,
            };
            await Features.Fhir.FhirApi.Outcome(status, issue, detail ?? title).ExecuteAsync(httpContext);
            return true;
        }

        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } };
        foreach (var (name, value) in (exception as DomainRuleException)?.Extensions ?? new Dictionary<string, object?>())
        {
            problem.Extensions[name] = value;
        }

        if (exception is BadHttpRequestException { InnerException: System.Text.Json.JsonException json })
        {
            // Name the field, as a validation problem would, so a client can fix the request.
            var (fieldDetail, errors) = RequestBodyProblem.Describe(json);
            problem.Detail = fieldDetail;
            problem.Extensions["errors"] = errors;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }
}
