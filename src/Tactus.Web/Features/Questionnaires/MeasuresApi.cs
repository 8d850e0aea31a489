using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Questionnaires;

public static class MeasuresApi
{
    public sealed record RecordRequest(string Instrument, Dictionary<string, int?> Answers);

    public sealed record RecordedDto(Guid ResponseId, ScoreResult Score, IReadOnlyList<Guid> AlertIds, string? CrisisMessage);

    public sealed record AlertDto(Guid Id, Guid PatientId, string RuleId, string Kind, string Message, DateTimeOffset RaisedAt,
        IReadOnlyList<Guid> Recipients, bool Open, string? ActionTaken)
    {
        public static AlertDto From(SafetyAlert a) => new(a.Id, a.PatientId, a.RuleId, a.Kind, a.Message, a.RaisedAt, a.Recipients, a.IsOpen, a.ActionTaken);
    }

    public sealed record Acknowledgement(string? ActionTaken = null);

    public static IEndpointRouteBuilder MapMeasuresApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/patients/{patientId:guid}/measures", RecordAsync).RequireAuthorization(Policies.ClinicalRecords).Accepts<RecordRequest>("application/json");
        var alerts = app.MapGroup("/api/alerts").RequireAuthorization(Policies.ClinicalRecords);
        alerts.MapGet("/", async (TactusDbContext db, AccessScope scope, CancellationToken ct) =>
            TypedResults.Ok((await db.SafetyAlerts.AsNoTracking().Where(a => a.AcknowledgedAt == null).OrderBy(a => a.RaisedAt).ToListAsync(ct))
                .Select(AlertDto.From).ToList()));
        alerts.MapPost("/{id:guid}/acknowledge", async Task<Results<Ok<AlertDto>, NotFound>> (Guid id, Acknowledgement body, MeasureWorkflow workflow, CancellationToken ct) =>
            await workflow.AcknowledgeAsync(id, body.ActionTaken, ct) is { } alert ? TypedResults.Ok(AlertDto.From(alert)) : TypedResults.NotFound())
            .Accepts<Acknowledgement>("application/json");
        return app;
    }

    private static async Task<Results<Created<RecordedDto>, NotFound>> RecordAsync(Guid patientId, RecordRequest request, MeasureWorkflow workflow,
        InstrumentCatalog catalog, CancellationToken cancellationToken)
    {
        if (await workflow.RecordAsync(patientId, request.Instrument, request.Answers ?? [], cancellationToken) is not { } recorded)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Created($"/api/patients/{patientId}/measures/{recorded.Response.Id}",
            new RecordedDto(recorded.Response.Id, recorded.Score, recorded.Alerts.Select(a => a.Id).ToList(), recorded.Score.CrisisMessage));
    }
}
