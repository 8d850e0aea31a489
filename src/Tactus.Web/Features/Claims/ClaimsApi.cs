using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims;

public static class ClaimsApi
{
    public sealed record CreateInput(List<Guid>? VisitIds = null, Guid? PatientId = null, DateOnly? From = null, DateOnly? To = null);

    public sealed record ExportInput(List<Guid>? ClaimIds = null);

    public sealed record ReasonInput(string? Reason = null);

    public sealed record ExportDto(Guid BatchId, long InterchangeControlNumber, int Claims, decimal TotalCharge, string FileName, IReadOnlyList<HeldDto> Held);

    public sealed record HeldDto(Guid Id, string ClaimNumber, IReadOnlyList<string> Reasons);

    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var claims = app.MapGroup("/api/claims").RequireAuthorization(Policies.Billing);
        claims.MapPost("/", async (CreateInput input, ClaimWorkflow workflow, CancellationToken ct) =>
        {
            IReadOnlyList<Claim> made = input switch
            {
                { VisitIds.Count: > 0 } => [await workflow.CreateAsync(input.VisitIds, ct)],
                { PatientId: { } patient, From: { } from, To: { } to } when from <= to => await workflow.CreateForPeriodAsync(patient, from, to, ct),
                _ => throw new DomainRuleException("invalid-claim-request", "Give visitIds, or a patientId with a from and to date (from on or before to).", StatusCodes.Status422UnprocessableEntity),
            };
            return TypedResults.Created("/api/claims", made);
        });
        claims.MapGet("/", ListAsync);
        claims.MapGet("/{id:guid}", async Task<Results<Ok<Claim>, NotFound>> (Guid id, TactusDbContext db, CancellationToken ct) =>
            await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound());
        claims.MapGet("/{id:guid}/cms1500", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, TactusDbContext db, ClaimFactsBuilder facts, TimeProvider time, CancellationToken ct) =>
            await PaperCopyAsync(id, db, facts, time, ct) is { } pdf ? TypedResults.File(pdf.Content, "application/pdf", pdf.FileName) : TypedResults.NotFound());
        claims.MapPost("/{id:guid}/recheck", async Task<Results<Ok<Claim>, NotFound>> (Guid id, ClaimWorkflow workflow, CancellationToken ct) =>
            await workflow.RecheckAsync(id, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound());
        claims.MapPost("/{id:guid}/appeal", AppealAsync);
        claims.MapPost("/{id:guid}/write-off", WriteOffAsync);
        claims.MapPost("/{id:guid}/accepted", AcceptedAsync);
        claims.MapPost("/{id:guid}/secondary", async Task<Results<Created<Claim>, NotFound>> (Guid id, ClaimWorkflow workflow, CancellationToken ct) =>
            await workflow.CreateSecondaryAsync(id, ct) is { } c ? TypedResults.Created($"/api/claims/{c.Id}", c) : TypedResults.NotFound());
        claims.MapPost("/{id:guid}/correct", async Task<Results<Ok<Claim>, NotFound>> (Guid id, ReasonInput? input, ClaimWorkflow workflow, CancellationToken ct) =>
            await workflow.CorrectAsync(id, input?.Reason, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound());
        claims.MapPost("/export", async (ExportInput? input, ClaimExport export, CancellationToken ct) =>
        {
            var result = await export.ExportAsync(input?.ClaimIds, ct);
            return TypedResults.Created($"/api/claims/batches/{result.Batch.Id}/file", new ExportDto(result.Batch.Id, result.Batch.InterchangeControlNumber,
                result.Batch.ClaimCount, result.Batch.TotalCharge, result.Batch.FileName, [.. result.Held.Select(h => new HeldDto(h.Id, h.ClaimNumber, h.HoldReasons))]));
        });
        claims.MapGet("/batches", async (TactusDbContext db, CancellationToken ct) =>
            await db.ClaimBatches.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(100)
                .Select(b => new { b.Id, b.InterchangeControlNumber, b.CreatedAt, b.ClaimCount, b.TotalCharge }).ToListAsync(ct));
        claims.MapGet("/batches/{id:guid}/file", DownloadAsync);
        return app;
    }

    public const int MaxPageSize = 200;

    private static async Task<Results<Ok<Claim>, NotFound>> AppealAsync(Guid id, ReasonInput? input, ClaimWorkflow workflow, CancellationToken ct) =>
        await workflow.ChangeAsync(id, "appeal", input?.Reason, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    private static async Task<Results<Ok<Claim>, NotFound>> WriteOffAsync(Guid id, ReasonInput? input, ClaimWorkflow workflow, CancellationToken ct) =>
        await workflow.ChangeAsync(id, "write-off", input?.Reason, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    private static async Task<Results<Ok<Claim>, NotFound>> AcceptedAsync(Guid id, ReasonInput? input, ClaimWorkflow workflow, CancellationToken ct) =>
        await workflow.ChangeAsync(id, "accepted", input?.Reason, ct) is { } c ? TypedResults.Ok(c) : TypedResults.NotFound();

    /// <summary>
    /// Newest first, one page at a time (page, pageSize; the total in X-Total-Count). The status filter is added only
    /// when given, so the store seeks on (OrganizationId, Status, CreatedAt) instead of testing "no status or this one".
    /// </summary>
    public static async Task<Results<Ok<List<Claim>>, ValidationProblem>> ListAsync(ClaimStatus? status, int? page, int? pageSize,
        TactusDbContext db, HttpResponse response, CancellationToken ct)
    {
        if (Paging.Problem(page, pageSize, MaxPageSize) is { } problem)
        {
            return problem;
        }

        var query = db.Claims.AsNoTracking();
        if (status is { } only)
        {
            query = query.Where(c => c.Status == only);
        }

        var size = pageSize ?? 50;
        response.Headers["X-Total-Count"] = (await query.CountAsync(ct)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Ok(await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Skip(((page ?? 1) - 1) * size).Take(size).ToListAsync(ct));
    }

    /// <summary>The claim in CMS-1500 box order as a PDF (ClaimPdf); null when the claim or the billing profile is missing.</summary>
    public static async Task<(byte[] Content, string FileName)?> PaperCopyAsync(Guid id, TactusDbContext db, ClaimFactsBuilder facts, TimeProvider time, CancellationToken ct)
    {
        if (await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is not { } claim || await facts.ProviderAsync(ct) is not { } provider)
        {
            return null;
        }

        var document = await facts.DocumentAsync(claim, ct);
        return (ClaimPdf.Render(document, provider, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)), ClaimPdf.FileName(document));
    }

    /// <summary>The stored file, byte for byte. It holds several patients' data, so the download is audited before it is sent.</summary>
    public static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(Guid id, TactusDbContext db, AuditLog audit, CancellationToken ct)
    {
        var batch = await db.ClaimBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, ct);
        if (batch is null)
        {
            return TypedResults.NotFound();
        }

        await audit.RecordAsync(AuditActions.Read, AuditOutcomes.Success, nameof(ClaimBatch), batch.Id.ToString(), detail: $"837P download, {batch.ClaimCount} claims");
        return TypedResults.File(System.Text.Encoding.ASCII.GetBytes(batch.Content), "application/edi-x12", batch.FileName);
    }
}
