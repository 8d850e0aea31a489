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

    /// <summary>The organisation's billing identity and X12 settings as the API answers them (not the entity: its counters stay internal).</summary>
    public sealed record ProfileDto(string LegalName, string? Npi, string? TaxId, string? AddressLine, string? City, string? State, string? PostalCode,
        string ContactName, string? ContactPhone, string SubmitterId, string ReceiverId, string ReceiverName, string PlaceOfService, string UsageIndicator,
        char ElementSeparator, char ComponentSeparator, char RepetitionSeparator, char SegmentTerminator)
    {
        public static ProfileDto From(BillingProfile p) => new(p.LegalName, p.Npi, p.TaxId, p.AddressLine, p.City, p.State, p.PostalCode, p.ContactName,
            p.ContactPhone, p.SubmitterId, p.ReceiverId, p.ReceiverName, p.PlaceOfService, p.UsageIndicator, p.ElementSeparator, p.ComponentSeparator,
            p.RepetitionSeparator, p.SegmentTerminator);
    }

    /// <summary>A visit's codes as the biller reviews them, with the reasoning and every adjustment.</summary>
    public sealed record VisitCodingDto(Guid Id, Guid PatientId, Guid SessionId, Guid ReferralId, Guid TherapistId, DateOnly ServiceDate, Guid? CoverageId,
        Guid? PayerId, TimedUnitRule UnitRule, VisitCodingStatus Status, IReadOnlyList<CodedLine> Lines, decimal TotalCharge, IReadOnlyList<string> Diagnoses,
        IReadOnlyList<string> Reasoning, IReadOnlyList<string> Warnings, IReadOnlyList<CodingAdjustment> Adjustments, Guid? ReviewedById,
        DateTimeOffset? ReviewedAt, Guid? ClaimId, Guid? PreviousClaimId, DateTimeOffset CreatedAt)
    {
        public static VisitCodingDto From(VisitCoding v) => new(v.Id, v.PatientId, v.SessionId, v.ReferralId, v.TherapistId, v.ServiceDate, v.CoverageId,
            v.PayerId, v.UnitRule, v.Status, v.Lines, v.TotalCharge, v.Diagnoses, v.Reasoning, v.Warnings, v.Adjustments, v.ReviewedById, v.ReviewedAt,
            v.ClaimId, v.PreviousClaimId, v.CreatedAt);
    }

    public sealed record FeeDto(string Code, decimal Amount);

    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder app)
    {
        var billing = app.MapGroup("/api/billing").RequireAuthorization(Policies.Billing);
        billing.MapGet("/overview", OverviewAsync);
        billing.MapGet("/profile", ProfileAsync);
        billing.MapPut("/profile", SaveProfileAsync);
        billing.MapGet("/fees", FeesAsync);
        billing.MapPut("/fees/{code}", SaveFeeAsync);
        billing.MapPost("/ncci", LoadNcciAsync).Accepts<string>("text/plain");
        billing.MapGet("/visits/{id:guid}", VisitAsync);
        billing.MapGet("/visits/by-session/{sessionId:guid}", VisitOfSessionAsync);
        billing.MapPost("/visits/{id:guid}/adjust", AdjustAsync);
        billing.MapPost("/visits/{id:guid}/review", ReviewAsync);
        return app;
    }

    private static Task<BillingOverview> OverviewAsync(BillingQueries queries, [AsParameters] DeskPages pages, CancellationToken ct) =>
        queries.OverviewAsync(pages, ct);

    private static async Task<Results<Ok<ProfileDto>, NotFound>> ProfileAsync(TactusDbContext db, CancellationToken ct) =>
        await db.BillingProfiles.AsNoTracking().SingleOrDefaultAsync(ct) is { } p ? TypedResults.Ok(ProfileDto.From(p)) : TypedResults.NotFound();

    private static async Task<Ok<ProfileDto>> SaveProfileAsync(ProfileInput input, BillingSetup setup, CancellationToken ct) =>
        TypedResults.Ok(ProfileDto.From(await setup.SaveProfileAsync(input, ct)));

    private static async Task<Ok<List<FeeDto>>> FeesAsync(TactusDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await db.FeeSchedule.AsNoTracking().OrderBy(f => f.Code).Select(f => new FeeDto(f.Code, f.Amount)).ToListAsync(ct));

    private static async Task<Ok<FeeDto>> SaveFeeAsync(string code, FeeInput input, BillingSetup setup, CancellationToken ct)
    {
        await setup.SaveFeesAsync(new Dictionary<string, decimal> { [code.ToUpperInvariant()] = input.Amount }, ct);
        return TypedResults.Ok(new FeeDto(code.ToUpperInvariant(), input.Amount));
    }

    private static async Task<Created<NcciLoaded>> LoadNcciAsync(HttpRequest request, BillingSetup setup, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var set = await setup.LoadNcciAsync(request.Query["name"].FirstOrDefault() ?? "CMS practitioner PTP edits", await reader.ReadToEndAsync(ct), ct);
        return TypedResults.Created($"/api/billing/ncci/{set.Id}", new NcciLoaded(set.Id, set.SourceName, set.RowsRead, set.Edits.Count));
    }

    private static async Task<Results<Ok<VisitCodingDto>, NotFound>> VisitAsync(Guid id, TactusDbContext db, CancellationToken ct) =>
        Answer(await db.VisitCodings.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct));

    private static async Task<Results<Ok<VisitCodingDto>, NotFound>> VisitOfSessionAsync(Guid sessionId, TactusDbContext db, CancellationToken ct) =>
        Answer(await db.VisitCodings.AsNoTracking().SingleOrDefaultAsync(v => v.SessionId == sessionId, ct));

    private static async Task<Results<Ok<VisitCodingDto>, NotFound>> AdjustAsync(Guid id, AdjustInput input, VisitCodingWorkflow workflow, CancellationToken ct) =>
        Answer(await workflow.AdjustAsync(id, input.Code?.ToUpperInvariant() ?? "", input.Units, input.Modifiers ?? [], input.Pointers ?? [], input.Reason, ct));

    private static async Task<Results<Ok<VisitCodingDto>, NotFound>> ReviewAsync(Guid id, VisitCodingWorkflow workflow, CancellationToken ct) =>
        Answer(await workflow.ReviewAsync(id, ct));

    private static Results<Ok<VisitCodingDto>, NotFound> Answer(VisitCoding? visit) =>
        visit is null ? TypedResults.NotFound() : TypedResults.Ok(VisitCodingDto.From(visit));
}
