using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Scheduling;

public static class SchedulingApi
{
    /// <summary>The longest range one calendar read covers: a month.</summary>
    public const int MaxRangeDays = 31;

    public static IEndpointRouteBuilder MapSchedulingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/appointments").RequireAuthorization(Policies.Scheduling);
        group.MapGet("/", ListAsync);
        group.MapPost("/", BookAsync).Accepts<BookingInput>("application/json");
        group.MapPost("/series", BookSeriesAsync).Accepts<BookingInput>("application/json");
        group.MapPost("/{id:guid}/move", MoveAsync).Accepts<MoveInput>("application/json");
        group.MapPost("/{id:guid}/cancel", CancelAsync).Accepts<AppointmentReason>("application/json");
        group.MapPost("/{id:guid}/no-show", NoShowAsync).Accepts<AppointmentReason>("application/json");
        group.MapGet("/{id:guid}/offers", OffersAsync);

        var waitlist = app.MapGroup("/api/waitlist").RequireAuthorization(Policies.Scheduling);
        waitlist.MapPost("/", AddToWaitlistAsync).Accepts<WaitlistInput>("application/json");
        waitlist.MapPost("/{id:guid}/book", BookOfferAsync).Accepts<WaitlistOffer>("application/json");
        waitlist.MapPost("/{id:guid}/remove", RemoveFromWaitlistAsync);
        return app;
    }

    /// <summary>A therapist's or a room's appointments in a range (a day, a week), in start order; a therapist sees their care team's.</summary>
    private static async Task<Results<Ok<List<AppointmentDto>>, ValidationProblem>> ListAsync(TactusDbContext db, DateTimeOffset? from, DateTimeOffset? to,
        Guid? therapist, Guid? room, CancellationToken cancellationToken)
    {
        if (from is null || to is null || to <= from || (to.Value - from.Value).TotalDays > MaxRangeDays)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["range"] = [$"Give from and to (with their offsets), to after from, at most {MaxRangeDays} days apart."],
            });
        }

        var (start, end) = (from.Value.ToUniversalTime(), to.Value.ToUniversalTime());
        var appointments = await db.Appointments.AsNoTracking()
            .Where(a => a.StartsAt >= start && a.StartsAt < end && (therapist == null || a.TherapistId == therapist) && (room == null || a.RoomId == room))
            .OrderBy(a => a.StartsAt).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(appointments.Select(AppointmentDto.From).ToList());
    }

    private static async Task<Created<AppointmentDto>> BookAsync(BookingInput input, BookingWorkflow workflow, CancellationToken cancellationToken)
    {
        var appointment = await workflow.BookAsync(input.ToRequest(), cancellationToken);
        return TypedResults.Created($"/api/appointments/{appointment.Id}", AppointmentDto.From(appointment));
    }

    private static async Task<Created<SeriesDto>> BookSeriesAsync(BookingInput input, BookingWorkflow workflow, CancellationToken cancellationToken)
    {
        var series = await workflow.BookSeriesAsync(input.ToSeries(), cancellationToken);
        return TypedResults.Created($"/api/appointments?series={series.SeriesId}", new SeriesDto(series.SeriesId, [.. series.Booked.Select(AppointmentDto.From)], series.Skipped));
    }

    /// <summary>Who on the wait-list a cancelled visit's time suits, longest waiting first.</summary>
    private static async Task<Results<Ok<List<WaitlistDto>>, NotFound>> OffersAsync(Guid id, TactusDbContext db, Waitlist waitlist, CancellationToken cancellationToken) =>
        await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, cancellationToken) is { } freed
            ? TypedResults.Ok((await waitlist.OffersAsync(freed, cancellationToken)).Select(WaitlistDto.From).ToList())
            : TypedResults.NotFound();

    private static async Task<Created<WaitlistDto>> AddToWaitlistAsync(WaitlistInput input, Waitlist waitlist, CancellationToken cancellationToken)
    {
        var entry = await waitlist.AddAsync(input, cancellationToken);
        return TypedResults.Created($"/api/waitlist/{entry.Id}", WaitlistDto.From(entry));
    }

    private static Task<Results<Ok<AppointmentDto>, NotFound>> BookOfferAsync(Guid id, WaitlistOffer input, Waitlist waitlist, AuditLog audit, CancellationToken cancellationToken) =>
        AnswerAsync(waitlist.BookOfferAsync(id, input.AppointmentId!.Value, input.OverrideReason, cancellationToken), id, audit);

    private static async Task<Results<Ok<WaitlistDto>, NotFound>> RemoveFromWaitlistAsync(Guid id, Waitlist waitlist, CancellationToken cancellationToken) =>
        await waitlist.RemoveAsync(id, cancellationToken) is { } entry ? TypedResults.Ok(WaitlistDto.From(entry)) : TypedResults.NotFound();

    private static Task<Results<Ok<AppointmentDto>, NotFound>> MoveAsync(Guid id, MoveInput input, BookingWorkflow workflow, AuditLog audit, CancellationToken cancellationToken) =>
        AnswerAsync(workflow.MoveAsync(id, input.StartsAt!.Value, input.TherapistId, input.RoomId, input.OverrideReason, cancellationToken), id, audit);

    private static Task<Results<Ok<AppointmentDto>, NotFound>> CancelAsync(Guid id, AppointmentReason input, BookingWorkflow workflow, AuditLog audit, CancellationToken cancellationToken) =>
        AnswerAsync(workflow.CancelAsync(id, input.Reason, cancellationToken), id, audit);

    private static Task<Results<Ok<AppointmentDto>, NotFound>> NoShowAsync(Guid id, AppointmentReason input, BookingWorkflow workflow, AuditLog audit, CancellationToken cancellationToken) =>
        AnswerAsync(workflow.NoShowAsync(id, input.Reason, cancellationToken), id, audit);

    private static async Task<Results<Ok<AppointmentDto>, NotFound>> AnswerAsync(Task<Appointment?> change, Guid id, AuditLog audit)
    {
        if (await change is not { } appointment)
        {
            await audit.RecordAsync(AuditActions.Update, AuditOutcomes.NotFound, nameof(Appointment), id.ToString());
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(AppointmentDto.From(appointment));
    }
}
