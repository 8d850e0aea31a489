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
        foreach (var step in new[] { ReferralWorkflow.Step.Send, ReferralWorkflow.Step.Accept, ReferralWorkflow.Step.Schedule,
                     ReferralWorkflow.Step.Start, ReferralWorkflow.Step.Resume, ReferralWorkflow.Step.Discharge })
        {
            group.MapPost($"/{{id:guid}}/{step.ToString().ToLowerInvariant()}",
                (Guid id, ReferralWorkflow workflow, AuditLog audit, CancellationToken ct) => MoveAsync(id, step, null, workflow, audit, ct));
        }

        foreach (var step in new[] { ReferralWorkflow.Step.Decline, ReferralWorkflow.Step.Hold, ReferralWorkflow.Step.Cancel })
        {
            group.MapPost($"/{{id:guid}}/{step.ToString().ToLowerInvariant()}",
                    (Guid id, ReferralReason body, ReferralWorkflow workflow, AuditLog audit, CancellationToken ct) =>
                        MoveAsync(id, step, body.Reason, workflow, audit, ct))
                .Accepts<ReferralReason>("application/json");
        }

        group.MapPost("/{id:guid}/assign", AssignAsync).Accepts<ReferralAssignment>("application/json");
        return app;
    }

    /// <summary>One page of the work-list, in work order; the total is in X-Total-Count.</summary>
    private static async Task<Results<Ok<List<ReferralQueries.WorklistItem>>, ValidationProblem>> ListAsync(TactusDbContext db, TimeProvider time,
        HttpResponse response, ReferralStatus? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        if (Paging.Problem(page, pageSize, ReferralQueries.MaxPageSize) is { } problem)
        {
            return problem;
        }

        var result = await ReferralQueries.WorklistAsync(db, status, time.GetUtcNow(), page ?? 1, pageSize ?? ReferralQueries.DefaultPageSize, cancellationToken);
        response.Headers["X-Total-Count"] = result.Total.ToString(System.Globalization.CultureInfo.InvariantCulture);
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
