using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Sessions;

public static class SessionsApi
{
    public sealed record SessionDto(Guid Id, Guid PatientId, Guid ReferralId, Guid? PlanId, Guid TherapistId, DateOnly SessionDate, int VisitOfDay,
        CheckIn CheckIn, SessionNote Note, SessionStatus Status, DateTimeOffset? SignedAt, bool LateEntry, IReadOnlyList<SessionAmendment> Amendments)
    {
        public static SessionDto From(TreatmentSession s) => new(s.Id, s.PatientId, s.ReferralId, s.PlanId, s.TherapistId, s.SessionDate, s.VisitOfDay,
            s.CheckIn, s.Note, s.Status, s.SignedAt, s.LateEntry, s.Amendments);
    }

    public sealed record Amendment(SessionNote Note, string? Reason = null);

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/referrals/{referralId:guid}/sessions", CheckInAsync).RequireAuthorization(Policies.ClinicalRecords).Accepts<CheckInInput>("application/json");
        var group = app.MapGroup("/api/sessions").RequireAuthorization(Policies.ClinicalRecords);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPut("/{id:guid}/note", DocumentAsync).Accepts<SessionNote>("application/json");
        group.MapPost("/{id:guid}/sign", SignAsync);
        group.MapPost("/{id:guid}/amend", AmendAsync).Accepts<Amendment>("application/json");
        return app;
    }

    /// <summary>201 for a new visit; 200 with today's visit when the patient is already checked in under this referral today.</summary>
    private static async Task<Results<Created<SessionDto>, Ok<SessionDto>, NotFound>> CheckInAsync(Guid referralId, CheckInInput input, SessionWorkflow workflow,
        CancellationToken cancellationToken) =>
        await workflow.CheckInAsync(referralId, input, cancellationToken) switch
        {
            null => TypedResults.NotFound(),
            { AlreadyCheckedIn: true } existing => TypedResults.Ok(SessionDto.From(existing.Session)),
            var created => TypedResults.Created($"/api/sessions/{created.Session.Id}", SessionDto.From(created.Session)),
        };

    private static Task<Results<Ok<SessionDto>, NotFound>> DocumentAsync(Guid id, SessionNote note, SessionWorkflow workflow, CancellationToken cancellationToken) =>
        Wrap(workflow.DocumentAsync(id, note, cancellationToken));

    private static Task<Results<Ok<SessionDto>, NotFound>> SignAsync(Guid id, SessionWorkflow workflow, CancellationToken cancellationToken) =>
        Wrap(workflow.SignAsync(id, cancellationToken));

    private static Task<Results<Ok<SessionDto>, NotFound>> AmendAsync(Guid id, Amendment body, SessionWorkflow workflow, CancellationToken cancellationToken) =>
        Wrap(workflow.AmendAsync(id, body.Note, body.Reason, cancellationToken));

    private static async Task<Results<Ok<SessionDto>, NotFound>> GetAsync(Guid id, TactusDbContext db, CancellationToken cancellationToken) =>
        await db.TreatmentSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } session
            ? TypedResults.Ok(SessionDto.From(session))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<SessionDto>, NotFound>> Wrap(Task<TreatmentSession?> action) =>
        await action is { } session ? TypedResults.Ok(SessionDto.From(session)) : TypedResults.NotFound();
}
