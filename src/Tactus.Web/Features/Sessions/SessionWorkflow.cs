using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Sessions;

/// <summary>Check-in, documentation, signing and amendment of sessions, with the safety and credential gates.</summary>
public sealed class SessionWorkflow(TactusDbContext db, AccessScope scope, ClinicalReference reference, IntakeWorkflow intake, Reports.ReportWorkflow reports,
    Coverage.AuthorizationCheck authorizations, Billing.VisitCodingWorkflow coding, TimeProvider time)
{
    /// <summary>The visit a check-in started or found, and whether it already existed (a repeated check-in).</summary>
    public sealed record CheckInOutcome(TreatmentSession Session, bool AlreadyCheckedIn);

    /// <summary>
    /// Starts a visit. Screening is re-run first with what changed since the last visit; a defer or clearance
    /// finding stops the visit here, other findings are recorded as warnings on it. Idempotent per referral
    /// and day unless another visit is asked for.
    /// </summary>
    public async Task<CheckInOutcome?> CheckInAsync(Guid referralId, CheckInInput input, CancellationToken cancellationToken = default)
    {
        var therapistId = Therapist();
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        if (referral.AssignedTherapistId != therapistId)
        {
            throw new DomainRuleException("forbidden", "Only the therapist assigned to this referral treats under it.", 403);
        }

        var now = time.GetStorageNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var todays = await db.TreatmentSessions.Where(s => s.ReferralId == referral.Id && s.SessionDate == today)
            .OrderByDescending(s => s.VisitOfDay).FirstOrDefaultAsync(cancellationToken);
        if (todays is not null && !input.AnotherVisit)
        {
            return new CheckInOutcome(todays, AlreadyCheckedIn: true);
        }

        if (referral.Status is not (ReferralStatus.Accepted or ReferralStatus.Scheduled or ReferralStatus.InProgress))
        {
            throw new DomainRuleException("referral-not-open", $"Sessions need an open referral; this one is {Referral.Describe(referral.Status)}.");
        }

        if (input.PainBefore is not (>= 0 and <= 10) || input.StressBefore is not (>= 0 and <= 10))
        {
            throw new DomainRuleException("scale", "Pain and stress are on a 0-10 scale.", StatusCodes.Status422UnprocessableEntity);
        }

        await RequireLicenceAsync(therapistId, "treat", cancellationToken);
        var findings = await intake.RescreenAsync(referral.PatientId, input.Changes, cancellationToken)
            ?? throw new DomainRuleException("no-intake", "Record the patient's intake and screening before the first session.");
        if (findings.Where(f => f.Blocks).ToList() is { Count: > 0 } blocking)
        {
            await db.SaveChangesAsync(cancellationToken); // keep the re-screen and the changes, even though the visit cannot go ahead
            throw new DomainRuleException("treatment-blocked", "Treatment is blocked: " + string.Join("; ", blocking.Select(f => f.BlockingReason)) + ".");
        }

        var overrideReason = string.IsNullOrWhiteSpace(input.AuthorizationOverride) ? null : input.AuthorizationOverride.Trim();
        var coverage = await authorizations.ForVisitAsync(referral.PatientId, referral.Id, today, null, cancellationToken);
        if (coverage.Problem is not null && overrideReason is null)
        {
            // No visit past the authorisation without a recorded reason (issue 05 §1); the reason is kept with the visit.
            throw new DomainRuleException("authorization-required", coverage.Problem + " To see the patient anyway, give the reason for the override; it is recorded with the visit.");
        }

        var plan = await db.Plans.Where(p => p.ReferralId == referral.Id && p.Status == PlanStatus.Certified)
            .OrderByDescending(p => p.CertifiedAt).FirstOrDefaultAsync(cancellationToken);
        var session = new TreatmentSession
        {
            OrganizationId = referral.OrganizationId, PatientId = referral.PatientId, ReferralId = referral.Id, PlanId = plan?.Id,
            TherapistId = therapistId, SessionDate = today, VisitOfDay = (todays?.VisitOfDay ?? 0) + 1, CheckedInAt = now,
            CheckIn = new CheckIn(input.PainBefore.Value, input.StressBefore.Value, input.Changes,
                string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
                coverage.Problem is null ? null : overrideReason,
                Warnings(findings, now)),
        };
        if (referral.Status is ReferralStatus.Accepted or ReferralStatus.Scheduled)
        {
            referral.Start(therapistId, now);
        }

        db.TreatmentSessions.Add(session);

        // The appointment booked for about now is the one this visit holds (issue 13 §1: check-in from the calendar).
        var (earliest, latest) = (now.AddHours(-12), now.AddHours(12));
        var booked = await db.Appointments.Where(a => a.ReferralId == referral.Id && a.Status == Scheduling.AppointmentStatus.Booked
            && a.StartsAt >= earliest && a.StartsAt <= latest).ToListAsync(cancellationToken);
        booked.OrderBy(a => Math.Abs((a.StartsAt - now).Ticks)).FirstOrDefault()?.CheckedIn(session.Id);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two check-ins at once (a double click): the unique (referral, day, visit) index lets one win; the other gets its visit.
            db.ChangeTracker.Clear();
            var winner = await db.TreatmentSessions.AsNoTracking().SingleOrDefaultAsync(
                s => s.ReferralId == referral.Id && s.SessionDate == today && s.VisitOfDay == session.VisitOfDay, cancellationToken);
            return winner is null || input.AnotherVisit
                ? throw new DomainRuleException("check-in-conflict", "Another check-in for this referral was saved at the same moment; open today's visits and try again.")
                : new CheckInOutcome(winner, AlreadyCheckedIn: true);
        }

        return new CheckInOutcome(session, AlreadyCheckedIn: false);
    }

    /// <summary>What this check-in's screening found that does not stop the visit but changes it: the therapist is told at check-in.</summary>
    private static List<string> Warnings(List<PatientFinding> findings, DateTimeOffset now) =>
        findings.Where(f => !f.Blocks && (f.DetectedAt == now || f.Gaps.Count > 0))
            .Select(f => $"{f.Finding} ({string.Join(", ", f.Does.Select(RuleEffects.Label))})"
                + (f.Gaps.Count > 0 ? " — " + string.Join(" ", f.Gaps) : ""))
            .ToList();

    public async Task<TreatmentSession?> DocumentAsync(Guid sessionId, SessionNote note, CancellationToken cancellationToken = default)
    {
        var (session, therapist) = await OwnSessionAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        await CheckAsync(session, note, therapist, cancellationToken);
        session.Document(note);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    public async Task<TreatmentSession?> SignAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var (session, therapist) = await OwnSessionAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        await RequireLicenceAsync(session.TherapistId, "sign", cancellationToken);
        if (session.Note.Techniques.Count == 0 || session.Note.PainAfter is null)
        {
            throw new DomainRuleException("incomplete", "Before signing, record at least one technique and the pain after the session.", StatusCodes.Status422UnprocessableEntity);
        }

        await CheckAsync(session, session.Note, therapist, cancellationToken);

        // One use case, one commit: the signature, the report the schedule makes due and the visit's codes commit
        // together or not at all, so a failure never leaves a signed note without its coding.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        session.Sign(session.TherapistId, time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        if (session.PlanId is { } planId)
        {
            // An atomic increment: two visits of one plan signed at once both count. The signature itself is the audited event.
            // The visit that reaches the plan's limit makes re-certification due today, if it was not due already.
            var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            await db.Plans.Where(p => p.Id == planId).ExecuteUpdateAsync(p => p
                .SetProperty(x => x.SignedVisits, x => x.SignedVisits + 1)
                .SetProperty(x => x.ActionDueOn, x => x.Status == PlanStatus.Certified && x.EpisodeOpen && x.SignedVisits + 1 >= x.RecertifyAfterVisits
                    && (x.ActionDueOn == null || x.ActionDueOn > today) ? today : x.ActionDueOn), cancellationToken);
        }

        await reports.DraftIfDueAsync(session, cancellationToken);
        await coding.DraftAsync(session, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return session;
    }

    public async Task<TreatmentSession?> AmendAsync(Guid sessionId, SessionNote amended, string? reason, CancellationToken cancellationToken = default)
    {
        var (session, therapist) = await OwnSessionAsync(sessionId, cancellationToken);
        if (session is null)
        {
            return null;
        }

        await CheckAsync(session, amended, therapist, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        session.Amend(amended, reason ?? "", session.TherapistId, time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        await coding.DraftAsync(session, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return session;
    }

    public async Task<SessionRules.Limits> LimitsAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var findings = await db.Findings.AsNoTracking().Where(f => f.PatientId == patientId && f.Status != FindingStatus.Resolved).ToListAsync(cancellationToken);
        var latest = await db.Intakes.AsNoTracking().Where(i => i.PatientId == patientId).OrderByDescending(i => i.RecordedAt).FirstOrDefaultAsync(cancellationToken);
        return new SessionRules.Limits(
            findings.Where(f => f.MaxPressure is not null).Select(f => f.MaxPressure).Min(),
            findings.SelectMany(f => f.ExcludedTechniques).ToHashSet(),
            findings.SelectMany(f => f.AvoidRegions).Concat(latest?.Preferences.AreasNotToTouch ?? []).ToHashSet());
    }

    private async Task CheckAsync(TreatmentSession session, SessionNote note, Practitioner? therapist, CancellationToken cancellationToken)
    {
        var limits = await LimitsAsync(session.PatientId, cancellationToken);
        var problems = SessionRules.Problems(note, limits, therapist, reference, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (problems.Count > 0)
        {
            throw new DomainRuleException("session-rules", string.Join(" ", problems), StatusCodes.Status422UnprocessableEntity);
        }
    }

    private async Task<(TreatmentSession? Session, Practitioner? Therapist)> OwnSessionAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var therapistId = Therapist();
        var session = await db.TreatmentSessions.SingleOrDefaultAsync(s => s.Id == sessionId, cancellationToken);
        if (session is null)
        {
            return (null, null);
        }

        if (session.TherapistId != therapistId)
        {
            throw new DomainRuleException("forbidden", "Only the treating therapist documents, signs or amends this note.", 403);
        }

        return (session, await db.Practitioners.SingleOrDefaultAsync(p => p.UserId == therapistId, cancellationToken));
    }

    private async Task RequireLicenceAsync(Guid therapistId, string what, CancellationToken cancellationToken)
    {
        var practitioner = await db.Practitioners.SingleOrDefaultAsync(p => p.UserId == therapistId, cancellationToken);
        if (CredentialRules.LicenceProblem(practitioner, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)) is { } problem)
        {
            throw new DomainRuleException("unlicensed", $"You cannot {what}: your record {problem}.", StatusCodes.Status422UnprocessableEntity);
        }
    }

    private Guid Therapist() =>
        scope.Role == Roles.Therapist && scope.UserId is { } id ? id : throw new DomainRuleException("forbidden", "Only therapists document sessions.", 403);
}
