using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims;

public static class ClaimsApi
{
    public sealed record CreateInput(List<Guid>? VisitIds = null, Guid? PatientId = null, DateOnly? From = null, DateOnly? To = null);

    public sealed record ExportInput(List<Guid>? ClaimIds = null);

    public sealed record ReasonInput(string? Reason = null);

    public sealed record ExportDto(Guid BatchId, long InterchangeControlNumber, int Claims, decimal TotalCharge, string FileName, IReadOnlyList<HeldDto> Held);

    public sealed record HeldDto(Guid Id, string ClaimNumber, IReadOnlyList<string> Reasons);

    public sealed record BatchDto(Guid Id, long InterchangeControlNumber, DateTimeOffset CreatedAt, int ClaimCount, decimal TotalCharge);

    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapClaimsApi(this IEndpointRouteBuilder app)
    {
        var claims = app.MapGroup("/api/claims").RequireAuthorization(Policies.Billing);
        claims.MapPost("/", CreateAsync);
        claims.MapGet("/", ListAsync);
        claims.MapGet("/{id:guid}", GetAsync);
        claims.MapGet("/{id:guid}/cms1500", PaperCopyAsync);
        claims.MapPost("/{id:guid}/recheck", RecheckAsync);
        claims.MapPost("/{id:guid}/appeal", AppealAsync);
        claims.MapPost("/{id:guid}/write-off", WriteOffAsync);
        claims.MapPost("/{id:guid}/accepted", AcceptedAsync);
        claims.MapPost("/{id:guid}/secondary", SecondaryAsync);
        claims.MapPost("/{id:guid}/correct", CorrectAsync);
        claims.MapPost("/export", ExportAsync);
        claims.MapGet("/batches", BatchesAsync);
        claims.MapGet("/batches/{id:guid}/file", DownloadAsync);
        return app;
    }

    private static async Task<Created<List<ClaimDto>>> CreateAsync(CreateInput input, ClaimWorkflow workflow, CancellationToken ct)
    {
        IReadOnlyList<Claim> made = input switch
        {
            { VisitIds.Count: > 0 } => [await workflow.CreateAsync(input.VisitIds, ct)],
            { PatientId: { } patient, From: { } from, To: { } to } when from <= to => await workflow.CreateForPeriodAsync(patient, from, to, ct),
            _ => throw new DomainRuleException("invalid-claim-request", "Give visitIds, or a patientId with a from and to date (from on or before to).", StatusCodes.Status422UnprocessableEntity),
        };
        return TypedResults.Created("/api/claims", made.Select(ClaimDto.From).ToList());
    }

    private static async Task<Results<Ok<ClaimDto>, NotFound>> GetAsync(Guid id, TactusDbContext db, CancellationToken ct) =>
        Answer(await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct));

    private static async Task<Results<FileContentHttpResult, NotFound>> PaperCopyAsync(Guid id, ClaimFiles files, CancellationToken ct) =>
        await files.PaperCopyAsync(id, ct) is { } file ? TypedResults.File(file.Content, file.ContentType, file.FileName) : TypedResults.NotFound();

    private static async Task<Results<Ok<ClaimDto>, NotFound>> RecheckAsync(Guid id, ClaimWorkflow workflow, CancellationToken ct) =>
        Answer(await workflow.RecheckAsync(id, ct));

    private static async Task<Results<Ok<ClaimDto>, NotFound>> AppealAsync(Guid id, ReasonInput? input, ClaimWorkflow workflow, CancellationToken ct) =>
        Answer(await workflow.ChangeAsync(id, "appeal", input?.Reason, ct));

    private static async Task<Results<Ok<ClaimDto>, NotFound>> WriteOffAsync(Guid id, ReasonInput? input, ClaimWorkflow workflow, CancellationToken ct) =>
        Answer(await workflow.ChangeAsync(id, "write-off", input?.Reason, ct));

    private static async Task<Results<Ok<ClaimDto>, NotFound>> AcceptedAsync(Guid id, ReasonInput? input, ClaimWorkflow workflow, CancellationToken ct) =>
        Answer(await workflow.ChangeAsync(id, "accepted", input?.Reason, ct));

    private static async Task<Results<Created<ClaimDto>, NotFound>> SecondaryAsync(Guid id, ClaimWorkflow workflow, CancellationToken ct) =>
        await workflow.CreateSecondaryAsync(id, ct) is { } c ? TypedResults.Created($"/api/claims/{c.Id}", ClaimDto.From(c)) : TypedResults.NotFound();

    private static async Task<Results<Ok<ClaimDto>, NotFound>> CorrectAsync(Guid id, ReasonInput? input, ClaimWorkflow workflow, CancellationToken ct) =>
        Answer(await workflow.CorrectAsync(id, input?.Reason, ct));

    private static async Task<Created<ExportDto>> ExportAsync(ExportInput? input, ClaimExport export, CancellationToken ct)
    {
        var result = await export.ExportAsync(input?.ClaimIds, ct);
        return TypedResults.Created($"/api/claims/batches/{result.Batch.Id}/file", new ExportDto(result.Batch.Id, result.Batch.InterchangeControlNumber,
            result.Batch.ClaimCount, result.Batch.TotalCharge, result.Batch.FileName, [.. result.Held.Select(h => new HeldDto(h.Id, h.ClaimNumber, h.HoldReasons))]));
    }

    private static async Task<Ok<List<BatchDto>>> BatchesAsync(TactusDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.ClaimBatches.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(100)
            .Select(b => new BatchDto(b.Id, b.InterchangeControlNumber, b.CreatedAt, b.ClaimCount, b.TotalCharge)).ToListAsync(ct));

    private static async Task<Results<FileContentHttpResult, NotFound>> DownloadAsync(Guid id, ClaimFiles files, CancellationToken ct) =>
        await files.BatchAsync(id, ct) is { } file ? TypedResults.File(file.Content, file.ContentType, file.FileName) : TypedResults.NotFound();

    private static Results<Ok<ClaimDto>, NotFound> Answer(Claim? claim) => claim is null ? TypedResults.NotFound() : TypedResults.Ok(ClaimDto.From(claim));

    /// <summary>
    /// Newest first, one page at a time (page, pageSize; the total in X-Total-Count). The status filter is added only
    /// when given, so the store seeks on (OrganizationId, Status, CreatedAt) instead of testing "no status or this one".
    /// </summary>
    public static async Task<Results<Ok<List<ClaimDto>>, ValidationProblem>> ListAsync(ClaimStatus? status, int? page, int? pageSize,
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
        var claims = await query.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).Skip(((page ?? 1) - 1) * size).Take(size).ToListAsync(ct);
        return TypedResults.Ok(claims.Select(ClaimDto.From).ToList());
    }
}
