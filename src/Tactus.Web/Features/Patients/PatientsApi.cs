using Microsoft.AspNetCore.Http.HttpResults;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Patients;

public static class PatientsApi
{
    public static IEndpointRouteBuilder MapPatientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/patients").RequireAuthorization(Policies.PatientRecords);
        group.MapGet("/", SearchAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.PatientEditing).Accepts<NewPatientInput>("application/json");
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.PatientEditing).Accepts<PatientUpdate>("application/json");
        return app;
    }

    /// <param name="Total">The number of matches, only when asked for (<c>total=true</c>): counting is a second pass over every match.</param>
    /// <param name="Next">Pass as <c>after</c> for the next page (a seek, however deep); null on the last page.</param>
    public sealed record PatientPage(IReadOnlyList<PatientDto> Items, int Page, int PageSize, int? Total, string? Next);

    private static async Task<Results<Ok<PatientPage>, ValidationProblem>> SearchAsync(TactusDbContext db,
        string? name, string? birthDate, string? mrn, int? page, int? pageSize, bool? total, string? after, CancellationToken cancellationToken)
    {
        DateOnly? parsedBirthDate = null;
        if (!string.IsNullOrWhiteSpace(birthDate))
        {
            if (!DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", out var value))
            {
                return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["birthDate"] = ["Give the date of birth as YYYY-MM-DD."],
                });
            }

            parsedBirthDate = value;
        }

        if (Paging.Problem(page, pageSize, PatientQueries.MaxPageSize) is { } problem)
        {
            return problem;
        }

        if (!PatientQueries.IsValidCursor(after))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["after"] = ["Pass back the next value of the previous page unchanged."],
            });
        }

        var result = await db.SearchPatientsAsync(
            new PatientQueries.SearchCriteria(name, parsedBirthDate, mrn, page ?? 1, pageSize ?? PatientQueries.DefaultPageSize, total == true, after),
            cancellationToken);
        return TypedResults.Ok(new PatientPage(result.Items.Select(PatientDto.From).ToList(), result.PageNumber, result.PageSize, result.Total, result.Next));
    }

    private static async Task<Results<Ok<PatientDto>, NotFound>> GetAsync(Guid id, TactusDbContext db, AuditLog audit,
        HttpContext http, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.FindWithDetailsAsync(id, cancellationToken);
        if (patient is null)
        {
            await audit.RecordAsync(AuditActions.Read, AuditOutcomes.NotFound, nameof(Patient), id.ToString());
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = $"W/\"{patient.Version}\"";
        return TypedResults.Ok(PatientDto.From(patient));
    }

    private static async Task<Created<PatientDto>> CreateAsync(NewPatientInput input, PatientWorkflow workflow,
        CancellationToken cancellationToken)
    {
        var patient = await workflow.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/patients/{patient.Id}", PatientDto.From(patient));
    }

    private static async Task<Results<Ok<PatientDto>, NotFound>> UpdateAsync(Guid id, PatientUpdate input,
        PatientWorkflow workflow, AuditLog audit, CancellationToken cancellationToken)
    {
        var patient = await workflow.UpdateAsync(id, input, cancellationToken);
        if (patient is null)
        {
            await audit.RecordAsync(AuditActions.Update, AuditOutcomes.NotFound, nameof(Patient), id.ToString());
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(PatientDto.From(patient));
    }
}
