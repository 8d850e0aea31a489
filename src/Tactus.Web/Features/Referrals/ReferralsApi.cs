using Microsoft.AspNetCore.Http.HttpResults;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Referrals;

public static class ReferralsApi
{
    public static IEndpointRouteBuilder MapReferralsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/referrals").RequireAuthorization(Policies.ClinicalRecords);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", CreateAsync).Accepts<NewReferral>("application/json");
        group.MapPost("/{id:guid}/send", SendAsync);
        group.MapPost("/{id:guid}/accept", AcceptAsync);
        group.MapPost("/{id:guid}/schedule", ScheduleAsync);
        group.MapPost("/{id:guid}/start", StartAsync);
        group.MapPost("/{id:guid}/resume", ResumeAsync);
        group.MapPost("/{id:guid}/discharge", DischargeAsync);
        group.MapPost("/{id:guid}/decline", DeclineAsync).Accepts<ReferralReason>("application/json");
        group.MapPost("/{id:guid}/hold", HoldAsync).Accepts<ReferralReason>("application/json");
        group.MapPost("/{id:guid}/cancel", CancelAsync).Accepts<ReferralReason>("application/json");
        group.MapPost("/{id:guid}/assign", AssignAsync).Accepts<ReferralAssignment>("application/json");
        return app;
    }

    /// <summary>One page of the work-list, in work order; X-Has-More says whether another follows, and with total=true the total is in X-Total-Count.</summary>
    private static async Task<Results<Ok<List<ReferralQueries.WorklistItem>>, ValidationProblem>> ListAsync(TactusDbContext db, TimeProvider time,
        HttpResponse response, ReferralStatus? status, int? page, int? pageSize, bool? total, CancellationToken cancellationToken)
    {
        if (Paging.Problem(page, pageSize, ReferralQueries.MaxPageSize) is { } problem)
        {
            return problem;
        }

        var result = await ReferralQueries.WorklistAsync(db, status, time.GetUtcNow(), page ?? 1, pageSize ?? ReferralQueries.DefaultPageSize,
            total == true, cancellationToken);
        response.Headers["X-Has-More"] = result.HasMore ? "true" : "false";
        if (result.Total is { } count)
        {
            response.Headers["X-Total-Count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TypedResults.Ok(result.Items);
    }

    private static async Task<Results<Ok<ReferralDto>, NotFound>> GetAsync(Guid id, TactusDbContext db, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var referral = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleOrDefaultAsync(
            db.Referrals, r => r.Id == id, cancellationToken);
        if (referral is null)
        {
            await audit.RecordAsync(AuditActions.Read, AuditOutcomes.NotFound, nameof(Referral), id.ToString());
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(ReferralDto.From(referral));
    }

    private static async Task<Created<ReferralDto>> CreateAsync(NewReferral input, ReferralWorkflow workflow, CancellationToken cancellationToken)
    {
        var referral = await workflow.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/referrals/{referral.Id}", ReferralDto.From(referral));
    }

    private static Task<Results<Ok<ReferralDto>, NotFound>> SendAsync(Guid id, ReferralWorkflow workflow, AuditLog audit, CancellationToken ct) =>
        MoveAsync(id, ReferralWorkflow.Step.Send, null, workflow, audit, ct);

    private static Task<Results<Ok<ReferralDto>, NotFound>> AcceptAsync(Guid id, ReferralWorkflow workflow, AuditLog audit, CancellationToken ct) =>
        MoveAsync(id, ReferralWorkflow.Step.Accept, null, workflow, audit, ct);

    private static Task<Results<Ok<ReferralDto>, NotFound>> ScheduleAsync(Guid id, ReferralWorkflow workflow, AuditLog audit, CancellationToken ct) =>
        MoveAsync(id, ReferralWorkflow.Step.Schedule, null, workflow, audit, ct);

    private static Task<Results<Ok<ReferralDto>, NotFound>> StartAsync(Guid id, ReferralWorkflow workflow, AuditLog audit, CancellationToken ct) =>
        MoveAsync(id, ReferralWorkflow.Step.Start, null, workflow, audit, ct);

    private static Task<Results<Ok<ReferralDto>, NotFound>> ResumeAsync(Guid id, ReferralWorkflow workflow, AuditLog audit, CancellationToken ct) =>
        MoveAsync(id, ReferralWorkflow.Step.Resume, null, workflow, audit, ct);

    private static Task<Results<Ok<ReferralDto>, NotFound>> DischargeAsync(Guid id, ReferralWorkflow workflow, AuditLog audit, CancellationToken ct) =>
        MoveAsync(id, ReferralWorkflow.Step.Discharge, null, workflow, audit, ct);

    private static Task<Results<Ok<ReferralDto>, NotFound>> DeclineAsync(Guid id, ReferralReason body, ReferralWorkflow workflow, AuditLog audit,
        CancellationToken ct) => MoveAsync(id, ReferralWorkflow.Step.Decline, body.Reason, workflow, audit, ct);

    private static Task<Results<Ok<ReferralDto>, NotFound>> HoldAsync(Guid id, ReferralReason body, ReferralWorkflow workflow, AuditLog audit,
        CancellationToken ct) => MoveAsync(id, ReferralWorkflow.Step.Hold, body.Reason, workflow, audit, ct);

    private static Task<Results<Ok<ReferralDto>, NotFound>> CancelAsync(Guid id, ReferralReason body, ReferralWorkflow workflow, AuditLog audit,
        CancellationToken ct) => MoveAsync(id, ReferralWorkflow.Step.Cancel, body.Reason, workflow, audit, ct);

    private static async Task<Results<Ok<ReferralDto>, NotFound>> MoveAsync(Guid id, ReferralWorkflow.Step step, string? reason,
        ReferralWorkflow workflow, AuditLog audit, CancellationToken cancellationToken)
    {
        var referral = await workflow.MoveAsync(id, step, reason, cancellationToken);
        if (referral is null)
        {
            await audit.RecordAsync(AuditActions.Update, AuditOutcomes.NotFound, nameof(Referral), id.ToString());
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(ReferralDto.From(referral));
    }

    private static async Task<Results<Ok<ReferralDto>, NotFound>> AssignAsync(Guid id, ReferralAssignment body, ReferralWorkflow workflow,
        AuditLog audit, CancellationToken cancellationToken)
    {
        var referral = await workflow.AssignAsync(id, body.TherapistId!.Value, cancellationToken);
        if (referral is null)
        {
            await audit.RecordAsync(AuditActions.Update, AuditOutcomes.NotFound, nameof(Referral), id.ToString());
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(ReferralDto.From(referral));
    }
}
