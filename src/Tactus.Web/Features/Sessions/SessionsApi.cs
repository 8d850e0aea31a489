using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Sessions;

public static class SessionsApi
{
    public sealed record SessionDto(Guid Id, Guid PatientId, Guid ReferralId, Guid? PlanId, Guid TherapistId, DateOnly SessionDate,
        CheckIn CheckIn, SessionNote Note, SessionStatus Status, DateTimeOffset? SignedAt, bool LateEntry, IReadOnlyList<SessionAmendment> Amendments)
    {
        public static SessionDto From(TreatmentSession s) => new(s.Id, s.PatientId, s.ReferralId, s.PlanId, s.TherapistId, s.SessionDate,
            s.CheckIn, s.Note, s.Status, s.SignedAt, s.LateEntry, s.Amendments);
    }

    public sealed record Amendment(string? Reason, SessionNote Note);

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/referrals/{referralId:guid}/sessions", CheckInAsync).RequireAuthorization(Policies.PatientRecords).Accepts<CheckIn>("application/json");
        var group = app.MapGroup("/api/sessions").RequireAuthorization(Policies.PatientRecords);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPut("/{id:guid}/note", (Guid id, SessionNote note, SessionWorkflow workflow, CancellationToken ct) => Wrap(workflow.DocumentAsync(id, note, ct)))
            .Accepts<SessionNote>("application/json");
        group.MapPost("/{id:guid}/sign", (Guid id, SessionWorkflow workflow, CancellationToken ct) => Wrap(workflow.SignAsync(id, ct)));
        group.MapPost("/{id:guid}/amend", (Guid id, Amendment body, SessionWorkflow workflow, CancellationToken ct) =>
            Wrap(workflow.AmendAsync(id, body.Note, body.Reason, ct))).Accepts<Amendment>("application/json");
        return app;
    }

    private static async Task<Results<Created<SessionDto>, NotFound>> CheckInAsync(Guid referralId, CheckIn checkIn, SessionWorkflow workflow,
        CancellationToken cancellationToken) =>
        await workflow.CheckInAsync(referralId, checkIn, cancellationToken) is { } session
            ? TypedResults.Created($"/api/sessions/{session.Id}", SessionDto.From(session))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<SessionDto>, NotFound>> GetAsync(Guid id, TactusDbContext db, CancellationToken cancellationToken) =>
        await db.TreatmentSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, cancellationToken) is { } session
            ? TypedResults.Ok(SessionDto.From(session))
            : TypedResults.NotFound();

    private static async Task<Results<Ok<SessionDto>, NotFound>> Wrap(Task<TreatmentSession?> action) =>
        await action is { } session ? TypedResults.Ok(SessionDto.From(session)) : TypedResults.NotFound();
}
