using Microsoft.AspNetCore.Http.HttpResults;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Statements;

public static class StatementsApi
{
    public sealed record PaymentDto(Guid Id, decimal Amount, DateOnly ReceivedOn, string Method, string? Reference);

    public static IEndpointRouteBuilder MapStatementsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/patients/{patientId:guid}").RequireAuthorization(Policies.Billing);
        group.MapGet("/statement", GetAsync);
        group.MapPost("/payments", RecordPaymentAsync).Accepts<PatientLedger.PaymentInput>("application/json");
        return app;
    }

    private static async Task<Results<Ok<PatientStatement>, NotFound>> GetAsync(Guid patientId, TactusDbContext db, CancellationToken cancellationToken) =>
        await PatientStatement.BuildAsync(db, patientId, cancellationToken) is { } statement ? TypedResults.Ok(statement) : TypedResults.NotFound();

    private static async Task<Results<Created<PaymentDto>, NotFound>> RecordPaymentAsync(Guid patientId, PatientLedger.PaymentInput input, PatientLedger ledger,
        CancellationToken cancellationToken) =>
        await ledger.RecordPaymentAsync(patientId, input, cancellationToken) is { } p
            ? TypedResults.Created($"/api/patients/{patientId}/statement", new PaymentDto(p.Id, p.Amount, p.ReceivedOn, p.Method, p.Reference))
            : TypedResults.NotFound();
}
