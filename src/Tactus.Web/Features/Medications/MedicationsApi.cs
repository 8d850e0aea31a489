using Microsoft.AspNetCore.Http.HttpResults;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Medications;

public static class MedicationsApi
{
    public sealed record StatementDto(Guid Id, string Opioid, decimal Strength, decimal DosesPerDay, decimal? MmePerDay, DateOnly TakenFrom, DateOnly? TakenUntil)
    {
        public static StatementDto From(OpioidStatement s) => new(s.Id, s.Opioid, s.Strength, s.DosesPerDay, s.MmePerDay, s.TakenFrom, s.TakenUntil);
    }

    public sealed record OpioidsDto(IReadOnlyList<StatementDto> Statements, decimal? MmePerDayToday, string Source);

    public static IEndpointRouteBuilder MapMedicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/patients/{patientId:guid}/opioids").RequireAuthorization(Policies.ClinicalRecords);
        group.MapGet("/", async Task<Results<Ok<OpioidsDto>, NotFound>> (Guid patientId, OpioidRecords records, CancellationToken ct) =>
            await records.ForPatientAsync(patientId, ct) is { } summary
                ? TypedResults.Ok(new OpioidsDto(summary.Statements.Select(StatementDto.From).ToList(), summary.MmePerDayToday, summary.Source))
                : TypedResults.NotFound());
        group.MapPost("/", async Task<Results<Created<StatementDto>, NotFound>> (Guid patientId, OpioidRecords.StatementInput input, OpioidRecords records,
            CancellationToken ct) =>
            await records.RecordAsync(patientId, input, ct) is { } s
                ? TypedResults.Created($"/api/patients/{patientId}/opioids", StatementDto.From(s))
                : TypedResults.NotFound()).Accepts<OpioidRecords.StatementInput>("application/json");
        group.MapPost("/{statementId:guid}/stop", async Task<Results<Ok<StatementDto>, NotFound>> (Guid patientId, Guid statementId,
            OpioidRecords.StopInput input, OpioidRecords records, CancellationToken ct) =>
            await records.StopAsync(patientId, statementId, input, ct) is { } s ? TypedResults.Ok(StatementDto.From(s)) : TypedResults.NotFound())
            .Accepts<OpioidRecords.StopInput>("application/json");
        return app;
    }
}
