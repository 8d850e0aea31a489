using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

public static class BillingApi
{
    public sealed record FeeInput(decimal Amount);

    public sealed record AdjustInput(int Units, string? Code = null, List<string>? Modifiers = null, List<int>? Pointers = null, string? Reason = null);

    public sealed record NcciLoaded(Guid Id, string SourceName, int RowsRead, int EditsKept);

    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder app)
    {
        var billing = app.MapGroup("/api/billing").RequireAuthorization(Policies.Billing);
        billing.MapGet("/overview", (BillingQueries queries, [AsParameters] DeskPages pages, CancellationToken ct) => queries.OverviewAsync(pages, ct));
        billing.MapGet("/profile", async Task<Results<Ok<BillingProfile>, NotFound>> (TactusDbContext db, CancellationToken ct) =>
            await db.BillingProfiles.AsNoTracking().SingleOrDefaultAsync(ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound());
        billing.MapPut("/profile", async (ProfileInput input, BillingSetup setup, CancellationToken ct) => TypedResults.Ok(await setup.SaveProfileAsync(input, ct)));
        billing.MapGet("/fees", async (TactusDbContext db, CancellationToken ct) =>
            (await db.FeeSchedule.AsNoTracking().ToListAsync(ct)).OrderBy(f => f.Code).Select(f => new { f.Code, f.Amount }));
        billing.MapPut("/fees/{code}", async (string code, FeeInput input, BillingSetup setup, CancellationToken ct) =>
        {
            await setup.SaveFeesAsync(new Dictionary<string, decimal> { [code.ToUpperInvariant()] = input.Amount }, ct);
            return TypedResults.Ok(new { Code = code.ToUpperInvariant(), input.Amount });
        });
        billing.MapPost("/ncci", async (HttpRequest request, BillingSetup setup, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var set = await setup.LoadNcciAsync(request.Query["name"].FirstOrDefault() ?? "CMS practitioner PTP edits", await reader.ReadToEndAsync(ct), ct);
            return TypedResults.Created($"/api/billing/ncci/{set.Id}", new NcciLoaded(set.Id, set.SourceName, set.RowsRead, set.Edits.Count));
        }).Accepts<string>("text/plain");
        billing.MapGet("/visits/{id:guid}", async Task<Results<Ok<VisitCoding>, NotFound>> (Guid id, TactusDbContext db, CancellationToken ct) =>
            await db.VisitCodings.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound());
        billing.MapGet("/visits/by-session/{sessionId:guid}", async Task<Results<Ok<VisitCoding>, NotFound>> (Guid sessionId, TactusDbContext db, CancellationToken ct) =>
            await db.VisitCodings.AsNoTracking().SingleOrDefaultAsync(v => v.SessionId == sessionId, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound());
        billing.MapPost("/visits/{id:guid}/adjust", async Task<Results<Ok<VisitCoding>, NotFound>> (Guid id, AdjustInput input, VisitCodingWorkflow workflow, CancellationToken ct) =>
            await workflow.AdjustAsync(id, input.Code?.ToUpperInvariant() ?? "", input.Units, input.Modifiers ?? [], input.Pointers ?? [], input.Reason, ct) is { } v
                ? TypedResults.Ok(v) : TypedResults.NotFound());
        billing.MapPost("/visits/{id:guid}/review", async Task<Results<Ok<VisitCoding>, NotFound>> (Guid id, VisitCodingWorkflow workflow, CancellationToken ct) =>
            await workflow.ReviewAsync(id, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound());
        return app;
    }
}
