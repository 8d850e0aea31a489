using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Sessions;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Reports;

/// <summary>
/// Drafting, sending and acknowledging progress reports and discharge summaries. Sending a discharge
/// summary discharges the referral in the same transaction: the loop is closed by the report, not beside it.
/// </summary>
public sealed class ReportWorkflow(TactusDbContext db, AccessScope scope, ReportBuilder builder, IConfiguration configuration, TimeProvider time)
{
    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task<OutcomeReport?> DraftAsync(Guid referralId, ReportKind kind, CancellationToken cancellationToken = default)
    {
        var userId = RequireTherapist();
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        if (referral.AssignedTherapistId != userId)
        {
            throw new DomainRuleException("forbidden", "Only the therapist assigned to this referral writes its reports.", 403);
        }

        if (referral.IsClosed)
        {
            throw new DomainRuleException("referral-closed", $"This referral is {Referral.Describe(referral.Status)}; no new report can be written.");
        }

        var existing = await db.OutcomeReports.SingleOrDefaultAsync(r => r.ReferralId == referralId && r.Kind == kind && r.Status == ReportStatus.Draft, cancellationToken);
        var plan = await LatestPlanAsync(referralId, cancellationToken);
        var content = await builder.BuildAsync(referral, plan, Today, cancellationToken);
        if (existing is not null)
        {
            existing.Refresh(content);
            await db.SaveChangesAsync(cancellationToken);
            return existing;
        }

        var report = New(referral, plan, kind, userId, bySchedule: false);
        report.Refresh(content);
        db.OutcomeReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    public async Task<OutcomeReport?> WriteAsync(Guid reportId, string? assessment, string? recommendation, bool send, CancellationToken cancellationToken = default)
    {
        var userId = RequireTherapist();
        var report = await db.OutcomeReports.SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return null;
        }

        if (report.AuthorId != userId)
        {
            throw new DomainRuleException("forbidden", "Only the therapist who drafted the report completes it.", 403);
        }

        report.Write(assessment, recommendation);
        if (send)
        {
            var referral = await db.Referrals.SingleAsync(r => r.Id == report.ReferralId, cancellationToken);
            if (report.Kind == ReportKind.Discharge)
            {
                if (!referral.NextStatuses.Contains(ReferralStatus.Discharged))
                {
                    throw new DomainRuleException("cannot-discharge",
                        $"A discharge summary closes a referral in progress; this one is {Referral.Describe(referral.Status)}.");
                }

                referral.Discharge(userId, time.GetStorageNow());
            }

            var plan = await LatestPlanAsync(referral.Id, cancellationToken);
            report.Send(await builder.BuildAsync(referral, plan, Today, cancellationToken), [referral.ReferringClinicianId], time.GetStorageNow());
            if (await Messages.StaffMessages.EmailOfAsync(db, referral.ReferringClinicianId, cancellationToken) is { Length: > 0 } email)
            {
                var name = report.Kind == ReportKind.Discharge ? "discharge summary" : "progress report";
                db.OutboxMessages.Add(Messages.StaffMessages.WorkWaiting(referral.OrganizationId, referral.PatientId, Messages.StaffMessages.ReportReady,
                    $"A {name} is ready for you", $"A {name} from the massage programme is ready for you to read and acknowledge.",
                    email, Messages.MessageLinks.To(configuration, "/Inbox"), time.GetStorageNow()));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    public async Task<OutcomeReport?> AcknowledgeAsync(Guid reportId, string? note, CancellationToken cancellationToken = default)
    {
        if (scope.Role != Roles.Clinician || scope.UserId is not { } userId)
        {
            throw new DomainRuleException("forbidden", "Only the referring clinician acknowledges a report.", 403);
        }

        var report = await db.OutcomeReports.SingleOrDefaultAsync(r => r.Id == reportId, cancellationToken);
        if (report is null)
        {
            return null;
        }

        report.Acknowledge(userId, note, time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        return report;
    }

    /// <summary>
    /// Called when a visit is signed: drafts a progress report when the plan's interval (visits or days) has
    /// passed since the last report, so the therapist finds it waiting rather than having to remember.
    /// </summary>
    public async Task DraftIfDueAsync(TreatmentSession signed, CancellationToken cancellationToken)
    {
        var plan = signed.PlanId is { } planId ? await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) : null;
        if (plan is null || (plan.ReportEveryVisits == 0 && plan.ReportEveryDays == 0)
            || await db.OutcomeReports.AnyAsync(r => r.ReferralId == signed.ReferralId && r.Status == ReportStatus.Draft, cancellationToken))
        {
            return;
        }

        var lastReport = (await db.OutcomeReports.AsNoTracking().Where(r => r.ReferralId == signed.ReferralId && r.SentAt != null)
            .OrderByDescending(r => r.SentAt).Take(1).Select(r => new { r.Id, r.PatientId, r.SentAt })
            .ToAuditedListAsync(db, nameof(OutcomeReport), r => r.Id, r => r.PatientId, cancellationToken)).FirstOrDefault()?.SentAt;
        var since = lastReport ?? plan.CreatedAt;
        var signedSince = await db.TreatmentSessions.CountAsync(s => s.ReferralId == signed.ReferralId && s.Status != SessionStatus.Draft && s.SignedAt > since, cancellationToken);
        if (!MeasureSchedulePlanner.ProgressReportDue(plan, signedSince, DateOnly.FromDateTime(since.UtcDateTime), Today))
        {
            return;
        }

        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == signed.ReferralId, cancellationToken);
        var report = New(referral, plan, ReportKind.Progress, signed.TherapistId, bySchedule: true);
        report.Refresh(await builder.BuildAsync(referral, plan, Today, cancellationToken));
        db.OutcomeReports.Add(report);
        await db.SaveChangesAsync(cancellationToken);
    }

    private OutcomeReport New(Referral referral, PlanOfCare? plan, ReportKind kind, Guid authorId, bool bySchedule) => new()
    {
        OrganizationId = referral.OrganizationId, PatientId = referral.PatientId, ReferralId = referral.Id, PlanId = plan?.Id,
        Kind = kind, AuthorId = authorId, CreatedAt = time.GetStorageNow(), DraftedBySchedule = bySchedule,
    };

    private Task<PlanOfCare?> LatestPlanAsync(Guid referralId, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().Where(p => p.ReferralId == referralId).OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(cancellationToken);

    private Guid RequireTherapist() =>
        scope.Role == Roles.Therapist && scope.UserId is { } userId ? userId : throw new DomainRuleException("forbidden", "Only the treating therapist writes reports.", 403);
}
