using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Scheduling;

/// <summary>
/// Booking, moving, cancelling and no-shows, for the calendar page and the API alike. Hard rules refuse (a therapist
/// without an active licence, outside their hours, leave or a closure, a time already taken); what a person may knowingly
/// go past (BookingWarnings: authorisation, yearly limit, unresolved findings, certifications, the plan's dates) needs a
/// reason, which is kept with the appointment and audited. One booking is one transaction: the appointment, its claims on
/// the therapist's, the room's and the patient's time, the referral's status and the audit commit together or not at all.
/// </summary>
public sealed partial class BookingWorkflow(TactusDbContext db, AccessScope scope, OrganizationClock clock, BookingWarnings warnings, BookingMessages messages, TimeProvider time)
{
    /// <summary>How long before the visit a cancellation still counts as on time (a late one is recorded as such).</summary>
    public static readonly TimeSpan CancellationNotice = TimeSpan.FromHours(24);

    public async Task<Appointment> BookAsync(BookingRequest request, CancellationToken cancellationToken = default)
    {
        request = request with { StartsAt = request.StartsAt.ToUniversalTime() }; // stored and compared in UTC on both stores
        var context = await ContextAsync(request.ReferralId, request.TherapistId, request.RoomId, request.AppointmentTypeId, request.StartsAt, cancellationToken);
        var zone = await clock.ZoneAsync(cancellationToken);
        var busy = await BusyAsync(request.TherapistId, request.RoomId, context.Referral.PatientId, request.StartsAt, request.StartsAt.AddMinutes(context.Type.Minutes + context.Type.BufferMinutes), null, cancellationToken);
        if (SlotRules.Obstacle(request.StartsAt, context.Type.Minutes, context.Type.BufferMinutes, zone, context.Hours, busy) is { } obstacle)
        {
            throw new DomainRuleException("slot-unavailable", $"That time cannot be booked: {obstacle}.");
        }

        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(request.StartsAt, zone).DateTime);
        var found = await warnings.ForAsync(context.Referral, context.Therapist, [day], cancellationToken);
        var overridden = RequireOverride(found, request.OverrideReason);
        var appointment = Appointment.Book(context.Referral.OrganizationId, context.Referral.PatientId, context.Referral.Id, request.TherapistId,
            request.RoomId, context.Type, request.StartsAt, context.UserId, time.GetStorageNow(), null, overridden is null ? null : request.OverrideReason!.Trim(), overridden);
        await SaveAsync(context, [appointment], cancellationToken);
        return appointment;
    }

    /// <summary>
    /// The plan of care's visits as a series: the plan's frequency for its weeks from the first visit, as many as the plan
    /// has left to give (its planned visits less those given and booked), at the first visit's time; days that do not fit
    /// move or are skipped (SlotRules.Series) and the skipped ones are said.
    /// </summary>
    public async Task<SeriesOutcome> BookSeriesAsync(SeriesRequest request, CancellationToken cancellationToken = default)
    {
        request = request with { FirstStartsAt = request.FirstStartsAt.ToUniversalTime() };
        var context = await ContextAsync(request.ReferralId, request.TherapistId, request.RoomId, request.AppointmentTypeId, request.FirstStartsAt, cancellationToken);
        var plan = await db.Plans.AsNoTracking().Where(p => p.ReferralId == request.ReferralId && p.Status != Plans.PlanStatus.Draft)
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(cancellationToken)
            ?? throw Invalid("no-plan", "A series is booked from a signed plan of care; book single visits until the plan is signed.");
        var booked = await db.Appointments.CountAsync(a => a.ReferralId == request.ReferralId && a.Status == AppointmentStatus.Booked, cancellationToken);
        var left = plan.PlannedVisits - plan.SignedVisits - booked;
        var wanted = Math.Min(request.Visits ?? left, left);
        if (wanted <= 0)
        {
            throw Invalid("plan-fully-booked", $"The plan's {plan.PlannedVisits} visits are given or booked already ({plan.SignedVisits} given, {booked} booked).");
        }

        var zone = await clock.ZoneAsync(cancellationToken);
        var until = request.FirstStartsAt.AddDays(plan.Weeks * 7 + 3);
        var busy = await BusyAsync(request.TherapistId, request.RoomId, context.Referral.PatientId, request.FirstStartsAt, until, null, cancellationToken);
        var (placed, skipped) = SlotRules.Series(request.FirstStartsAt, context.Type.Minutes, context.Type.BufferMinutes, plan.SessionsPerWeek, plan.Weeks,
            wanted, zone, context.Hours, busy);
        if (placed.Count == 0)
        {
            throw new DomainRuleException("slot-unavailable", "None of the series' visits can be booked: " + string.Join("; ", skipped.Select(s => $"{s.Day:ddd d MMM}: {s.Reason}")) + ".");
        }

        var days = placed.Select(p => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(p, zone).DateTime)).ToList();
        var found = await warnings.ForAsync(context.Referral, context.Therapist, days, cancellationToken);
        var overridden = RequireOverride(found, request.OverrideReason);
        var seriesId = Guid.CreateVersion7();
        var now = time.GetStorageNow();
        var appointments = placed.Select(start => Appointment.Book(context.Referral.OrganizationId, context.Referral.PatientId, context.Referral.Id,
            request.TherapistId, request.RoomId, context.Type, start, context.UserId, now, seriesId, overridden is null ? null : request.OverrideReason!.Trim(), overridden)).ToList();
        await SaveAsync(context, appointments, cancellationToken);
        return new SeriesOutcome(seriesId, appointments, skipped);
    }

    private sealed record BookingContext(Guid UserId, Referral Referral, AppointmentType Type, Practitioner? Therapist, IReadOnlyList<WorkingHours> Hours);

    /// <summary>The facts every booking rests on, with the hard refusals: what cannot be booked at all, whatever the reason.</summary>
    private async Task<BookingContext> ContextAsync(Guid referralId, Guid therapistId, Guid? roomId, Guid typeId, DateTimeOffset startsAt, CancellationToken cancellationToken)
    {
        var userId = Caller();
        if (scope.Role is not (Roles.Manager or Roles.Therapist))
        {
            throw new DomainRuleException("forbidden", "Appointments are booked by the programme's staff and its therapists.", StatusCodes.Status403Forbidden);
        }

        if (scope.Role == Roles.Therapist && therapistId != userId)
        {
            throw new DomainRuleException("forbidden", "A therapist books their own calendar; the programme's staff book for others.", StatusCodes.Status403Forbidden);
        }

        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken)
            ?? throw Invalid("unknown-referral", "There is no such referral in your list.");
        if (referral.Status is not (ReferralStatus.Accepted or ReferralStatus.Scheduled or ReferralStatus.InProgress))
        {
            throw new DomainRuleException("referral-not-open", $"A referral that is {Referral.Describe(referral.Status)} is not booked; accept it (or resume it) first.");
        }

        var type = await db.AppointmentTypes.AsNoTracking().SingleOrDefaultAsync(t => t.Id == typeId && t.Active, cancellationToken)
            ?? throw Invalid("unknown-type", "Choose one of the clinic's appointment types.");
        if (roomId is { } room && !await db.Rooms.AnyAsync(r => r.Id == room && r.Active, cancellationToken))
        {
            throw Invalid("unknown-room", "Choose one of the clinic's rooms.");
        }

        if (!SlotRules.IsOnGranule(startsAt))
        {
            throw Invalid("start-not-on-mark", $"Appointments start on the {SlotRules.GranuleMinutes}-minute marks (9:00, 9:05, …).");
        }

        if (startsAt < time.GetUtcNow().AddMinutes(-SlotRules.GranuleMinutes))
        {
            throw Invalid("start-in-past", "That time has passed; book from now on.");
        }

        var therapist = await db.Practitioners.Include(p => p.Licences).Include(p => p.Certifications).AsNoTracking()
            .SingleOrDefaultAsync(p => p.UserId == therapistId, cancellationToken);
        if (!await db.Users.AnyAsync(u => u.Id == therapistId, cancellationToken) || therapist is null || therapist.Discipline != Disciplines.MassageTherapist)
        {
            throw Invalid("unknown-therapist", "Choose a therapist of your organisation.");
        }

        var zone = await clock.ZoneAsync(cancellationToken);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(startsAt, zone).DateTime);
        if (CredentialRules.LicenceProblem(therapist, day) is { } problem)
        {
            // The same gate as assignment and check-in: an unlicensed person does not treat (issue 03).
            throw Invalid("unlicensed", $"This therapist cannot be booked on {day:d MMM yyyy}: the therapist {problem}.");
        }

        var hours = await db.WorkingHours.AsNoTracking().Where(h => h.TherapistId == therapistId).ToListAsync(cancellationToken);
        return new BookingContext(userId, referral, type, therapist, hours);
    }

    /// <summary>
    /// What already takes the therapist's, the room's or the patient's time in the range: their appointments (with the
    /// buffer) and the therapist's leave and the clinic's closures. The claims still decide a race; this names the reason.
    /// </summary>
    private async Task<List<BusySpan>> BusyAsync(Guid therapistId, Guid? roomId, Guid patientId, DateTimeOffset from, DateTimeOffset until, Guid? except,
        CancellationToken cancellationToken)
    {
        var earliest = from.AddHours(-12);
        // Other patients' appointments take the therapist's and the room's time too, though a therapist may not see whose
        // they are: only the times are read (the tenant filter stays), and nothing identifies the patient.
        var appointments = await db.Appointments.IgnoreQueryFilters([TactusDbContext.RelationshipFilterName]).AsNoTracking()
            .Where(a => a.StartsAt < until && a.StartsAt > earliest && a.Id != except
                && (a.Status == AppointmentStatus.Booked || a.Status == AppointmentStatus.CheckedIn)
                && (a.TherapistId == therapistId || (roomId != null && a.RoomId == roomId) || a.PatientId == patientId))
            .Select(a => new { OfTherapist = a.TherapistId == therapistId, OfRoom = roomId != null && a.RoomId == roomId, a.StartsAt, a.EndsAt, a.BlockedUntil })
            .TagWith(Audit.ReadAuditGuard.AggregateOnly)
            .ToListAsync(cancellationToken);
        var blocks = await db.ScheduleBlocks.AsNoTracking().Where(b => b.Starts < until && b.Ends > from && (b.TherapistId == null || b.TherapistId == therapistId))
            .ToListAsync(cancellationToken);
        return
        [
            .. appointments.Select(a => !a.OfTherapist && !a.OfRoom
                ? new BusySpan(a.StartsAt, a.EndsAt, "the patient has another appointment then")
                : new BusySpan(a.StartsAt, a.BlockedUntil, a.OfTherapist ? "the therapist is booked then" : "the room is booked then")),
            .. blocks.Select(b => new BusySpan(b.Starts, b.Ends, b.TherapistId is null ? $"the clinic is closed ({b.Note ?? "closure"})"
                : $"the therapist is away ({b.Kind.ToString().ToLowerInvariant()})")),
        ];
    }

    /// <summary>Warnings go past only with a reason; returns what was overridden, to keep with the appointment.</summary>
    private static string? RequireOverride(IReadOnlyList<string> found, string? reason)
    {
        if (found.Count == 0)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("override-required", "Booking goes past: " + string.Join(" ", found)
                + " To book anyway, give the reason; it is kept with the appointment.")
            {
                Extensions = new Dictionary<string, object?> { ["warnings"] = found },
            };
        }

        return string.Join(" ", found);
    }

    /// <summary>
    /// The appointments and their claims in one transaction, with the referral's status following the schedule (the first
    /// booking makes an accepted referral scheduled) and the therapist joining the care team. A claim already held by
    /// another booking breaks the claims' key: the time was taken between the check and the write, and nothing is kept.
    /// </summary>
    private async Task SaveAsync(BookingContext context, IReadOnlyList<Appointment> appointments, CancellationToken cancellationToken, bool added = true)
    {
        foreach (var appointment in appointments)
        {
            if (added)
            {
                db.Appointments.Add(appointment);
            }

            db.AppointmentClaims.AddRange(BookingClaims.For(appointment));
        }

        var now = time.GetStorageNow();
        if (context.Referral.Status == ReferralStatus.Accepted)
        {
            context.Referral.Schedule(context.UserId, now);
        }

        foreach (var therapist in appointments.Select(a => a.TherapistId).Distinct())
        {
            if (!await db.CareTeamMembers.AnyAsync(m => m.PatientId == context.Referral.PatientId && m.UserId == therapist, cancellationToken))
            {
                db.CareTeamMembers.Add(new CareTeamMember
                {
                    OrganizationId = context.Referral.OrganizationId, PatientId = context.Referral.PatientId, UserId = therapist, Role = Roles.Therapist, AddedAt = now,
                });
            }
        }

        await messages.QueueAsync(context.Referral.PatientId, appointments, added, now, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (StoreErrors.IsUniqueViolation(exception))
        {
            db.ChangeTracker.Clear();
            throw new DomainRuleException("slot-taken", "That time was booked by someone else a moment ago. Choose another time.");
        }
    }

    private Guid Caller() =>
        scope.UserId ?? throw new DomainRuleException("forbidden", "Sign in as a member of an organisation.", StatusCodes.Status403Forbidden);

    private static DomainRuleException Invalid(string code, string message) => new(code, message, StatusCodes.Status422UnprocessableEntity);
}
