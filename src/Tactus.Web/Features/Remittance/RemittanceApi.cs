using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Remittance;

public static class RemittanceApi
{
    public sealed record ImportDto(Guid ImportId, bool Duplicate, string Message, int ClaimsPosted, int DeniedLines, decimal Paid, string TraceNumber);

    public static IEndpointRouteBuilder MapRemittanceApi(this IEndpointRouteBuilder app)
    {
        var remittances = app.MapGroup("/api/remittances").RequireAuthorization(Policies.Billing);
        remittances.MapPost("/", async (HttpRequest request, RemittanceWorkflow workflow, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var result = await workflow.ImportAsync(await reader.ReadToEndAsync(ct), ct);
            return TypedResults.Ok(ToDto(result));
        }).Accepts<string>("text/plain");
        remittances.MapGet("/", async (TactusDbContext db, CancellationToken ct) =>
            await db.RemittanceImports.AsNoTracking().OrderByDescending(r => r.ImportedAt).Take(100)
                .Select(r => new { r.Id, r.TraceNumber, r.PayerName, r.PaymentAmount, r.PaymentMethod, r.PaymentDate, r.ImportedAt, r.ClaimNumbers, r.DeniedLines })
                .ToListAsync(ct));
        return app;
    }

    public static ImportDto ToDto(ImportResult r) => new(r.Posted.Concat(r.AlreadyImported).First().Id, r.Duplicate, r.Describe(), r.ClaimsPosted, r.DeniedLines, r.Paid,
        string.Join(", ", r.Posted.Concat(r.AlreadyImported).Select(i => i.TraceNumber)));
}
