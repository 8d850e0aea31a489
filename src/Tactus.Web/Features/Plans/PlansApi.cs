using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Plans;

public static class PlansApi
{
    public sealed record PlanDto(Guid Id, Guid PatientId, Guid ReferralId, PlanStatus Status, int SessionsPerWeek, int Weeks,
        IReadOnlyList<string> Techniques, IReadOnlyList<PlanGoal> Goals, string? Precautions, Guid? SignedById, DateTimeOffset? SignedAt,
        Guid? CertifiedById, DateTimeOffset? CertifiedAt, DateOnly? RecertifyBy, int RecertifyAfterVisits,
        IReadOnlyList<MeasureSchedule> Measures, int ReportEveryVisits, int ReportEveryDays)
    {
        public static PlanDto From(PlanOfCare p) => new(p.Id, p.PatientId, p.ReferralId, p.Status, p.SessionsPerWeek, p.Weeks, p.Techniques,
            p.Goals, p.Precautions, p.SignedById, p.SignedAt, p.CertifiedById, p.CertifiedAt, p.RecertifyBy, p.RecertifyAfterVisits,
            p.Measures, p.ReportEveryVisits, p.ReportEveryDays);
    }

    public static IEndpointRouteBuilder MapPlansApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/referrals/{referralId:guid}/plans", CreateAsync).RequireAuthorization(Policies.ClinicalRecords).Accepts<PlanInput>("application/json");
        var group = app.MapGroup("/api/plans").RequireAuthorization(Policies.ClinicalRecords);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/sign", (Guid id, PlanWorkflow workflow, CancellationToken ct) => Wrap(workflow.SignAsync(id, ct)));
        group.MapPost("/{id:guid}/certify", (Guid id, PlanWorkflow workflow, CancellationToken ct) => Wrap(workflow.CertifyAsync(id, ct)));
        return app;
    }

    private static async Task<Results<Created<PlanDto>, NotFound>> CreateAsync(Guid referralId, PlanInput input, PlanWorkflow workflow,
        CancellationToken cancellationToken) =>
        await workflow.CreateAsync(referralId, input, cancellationToken) is { } plan
            ? TypedResults.Created($"/api/plans/{plan.Id}", PlanDto.From(plan))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<PlanDto>, NotFound>> GetAsync(Guid id, TactusDbContext db, CancellationToken cancellationToken) =>
        await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is { } plan
            ? TypedResults.Ok(PlanDto.From(plan))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<PlanDto>, NotFound>> Wrap(Task<PlanOfCare?> action) =>
        await action is { } plan ? TypedResults.Ok(PlanDto.From(plan)) : TypedResults.NotFound();
}
