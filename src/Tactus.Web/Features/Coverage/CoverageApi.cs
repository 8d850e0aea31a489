using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Coverage;

public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder app)
    {
        var payers = app.MapGroup("/api/billing/payers").RequireAuthorization(Policies.Billing);
        payers.MapGet("/", async (TactusDbContext db, CancellationToken ct) => await db.Payers.AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct));
        payers.MapPost("/", async Task<Results<Created<Payer>, ValidationProblem>> (PayerInput input, CoverageWorkflow workflow, AccessScope scope, CancellationToken ct) =>
        {
            if (CoverageValidation.Check(input) is { Count: > 0 } errors)
            {
                return TypedResults.ValidationProblem(errors);
            }

            var payer = await workflow.SavePayerAsync(scope.OrganizationId!.Value, null, input, ct);
            return TypedResults.Created($"/api/billing/payers/{payer.Id}", payer);
        });
        payers.MapPut("/{id:guid}", async Task<Results<Ok<Payer>, ValidationProblem>> (Guid id, PayerInput input, CoverageWorkflow workflow, AccessScope scope, CancellationToken ct) =>
            CoverageValidation.Check(input) is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors)
                : TypedResults.Ok(await workflow.SavePayerAsync(scope.OrganizationId!.Value, id, input, ct)));

        var patients = app.MapGroup("/api/patients/{patientId:guid}").RequireAuthorization(Policies.Billing);
        patients.MapGet("/coverages", async Task<Results<Ok<List<CoverageView>>, NotFound>> (Guid patientId, TactusDbContext db, CoverageWorkflow workflow, CancellationToken ct) =>
            !await db.Patients.AnyAsync(p => p.Id == patientId, ct) ? TypedResults.NotFound() : TypedResults.Ok(await workflow.CoveragesAsync(patientId, ct)));
        patients.MapPost("/coverages", async Task<Results<Created<PatientCoverage>, NotFound, ValidationProblem>> (Guid patientId, CoverageInput input, CoverageWorkflow workflow, CancellationToken ct) =>
            CoverageValidation.Check(input) is { Count: > 0 } errors ? TypedResults.ValidationProblem(errors)
                : await workflow.AddCoverageAsync(patientId, input, ct) is { } coverage ? TypedResults.Created($"/api/patients/{patientId}/coverages", coverage) : TypedResults.NotFound());
        patients.MapGet("/authorizations", async Task<Results<Ok<IReadOnlyList<AuthorizationView>>, NotFound>> (Guid patientId, TactusDbContext db, CoverageWorkflow workflow, CancellationToken ct) =>
            !await db.Patients.AnyAsync(p => p.Id == patientId, ct) ? TypedResults.NotFound() : TypedResults.Ok(await workflow.AuthorizationsAsync(patientId, ct)));
        patients.MapPost("/authorizations", async Task<Results<Created<Authorization>, NotFound>> (Guid patientId, AuthorizationInput input, CoverageWorkflow workflow, CancellationToken ct) =>
            await workflow.AddAuthorizationAsync(patientId, input, ct) is { } authorization
                ? TypedResults.Created($"/api/patients/{patientId}/authorizations", authorization) : TypedResults.NotFound());
        return app;
    }
}
