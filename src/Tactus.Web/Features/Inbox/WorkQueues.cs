using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Claims;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Reports;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Inbox;

/// <summary>
/// Each role's kinds of work (issue 13 §3), as queries over the state that makes the work: a referral sent and not
/// yet triaged, a plan whose action is due, a clearance finding still active, a note still a draft after its visit
/// day, a claim held or denied, a credential close to expiry. The organisation and care-team scope is the context's
/// own (AccessScope's query filters); these only narrow to the person.
/// </summary>
internal sealed partial class WorkQueues(TactusDbContext db, ContinuingEducationRules continuingEducation, string role, Guid me, DateTimeOffset now)
{
    /// <summary>Credentials are announced 90 days ahead (issue 13 §2), so the manager sees them from then on too.</summary>
    public const int CredentialHorizonDays = 90;

    /// <summary>An unanswered questionnaire link is followed up for this long after it expired; then it is history.</summary>
    public const int QuestionnaireFollowUpDays = 30;

    private DateOnly Today => DateOnly.FromDateTime(now.UtcDateTime);

    public IReadOnlyList<IWorkQueue> ForRole() => role switch
    {
        Roles.Therapist => [Alerts(), PatientMessages(), Assignments(), NewTimeRequests(), PlansToAct(), UnsignedNotes(), ReportDrafts(), ReportsToAcknowledge(), QuestionnairesOverdue()],
        Roles.Clinician => [Alerts(), PatientMessages(), ClearanceRequests(), PlansToAct(), ReportsToAcknowledge(), QuestionnairesOverdue()],
        Roles.Manager => [Alerts(), PatientMessages(), ReferralsToTriage(), NewTimeRequests(), UnsignedNotes(), CredentialsExpiring(),
            new ContinuingEducationQueue(db, continuingEducation, Today), ReportDrafts(), ReportsToAcknowledge(), QuestionnairesOverdue()],
        Roles.Biller => [HeldClaims(), Denials()],
        _ => [],
    };

    private IWorkQueue Alerts() => new WorkQueue<Questionnaires.SafetyAlert>("alerts", "Urgent safety alerts",
        "Acknowledge with the action taken, on the patient's record.",
        db.SafetyAlerts.Where(a => a.AcknowledgedAt == null && (role == Roles.Manager || a.Recipients.Contains(me))),
        q => q.OrderBy(a => a.RaisedAt).Select(a => new WorkRow { Id = a.Id, PatientId = a.PatientId, Since = a.RaisedAt, Detail = a.Message }),
        r => $"/Patients/Details/{r.PatientId}", "SafetyAlert", describe: (r, name) => (name ?? "Patient", r.Detail));

    private IWorkQueue ReferralsToTriage() => new WorkQueue<Referral>("triage", "New referrals to triage",
        "Accept and assign a therapist, or decline with a reason.",
        db.Referrals.Where(r => r.Status == ReferralStatus.Sent),
        q => q.OrderBy(r => r.WorklistRank).ThenBy(r => r.SentAt).Select(r => new WorkRow
        {
            Id = r.Id, PatientId = r.PatientId, Since = r.SentAt, Detail = r.Urgency == ReferralUrgency.Urgent ? "Urgent referral" : "Referral",
        }),
        r => $"/Referrals/Details/{r.Id}", "Referral", "/Referrals");

    private IWorkQueue Assignments() => new WorkQueue<Referral>("assignments", "Referrals assigned to you",
        "Book the first visit; the referral is then scheduled.",
        db.Referrals.Where(r => r.Status == ReferralStatus.Accepted && r.AssignedTherapistId == me),
        q => q.OrderBy(r => r.WorklistRank).ThenBy(r => r.SentAt).Select(r => new WorkRow
        {
            Id = r.Id, PatientId = r.PatientId, Since = r.SentAt, Detail = r.Urgency == ReferralUrgency.Urgent ? "Urgent referral" : "Referral",
        }),
        r => $"/Scheduling/Book?referralId={r.Id}", "Referral", "/Referrals");

    private IWorkQueue PlansToAct() => new WorkQueue<PlanOfCare>("plans",
        role == Roles.Clinician ? "Plans to certify" : "Plans to sign or re-certify",
        role == Roles.Clinician ? "Certify or return the plan of care." : "Sign the draft; ask for re-certification when it is due.",
        PlanQueue.Awaiting(db, role, me, Today),
        q => q.OrderBy(p => p.ActionDueOn).ThenBy(p => p.Id).Select(p => new WorkRow
        {
            Id = p.Id, PatientId = p.PatientId, Since = p.SignedAt ?? p.CreatedAt,
            Detail = p.Status == PlanStatus.Draft ? "Draft to sign" : p.Status == PlanStatus.Signed ? "Signed, to certify" : "Re-certification due",
        }),
        r => $"/Plans/Details/{r.Id}", "PlanOfCare", "/Plans");

    private IWorkQueue UnsignedNotes() => new WorkQueue<TreatmentSession>("notes", "Notes left unsigned after the visit day",
        "Complete and sign the note (a late entry is marked as such).",
        db.TreatmentSessions.Where(s => s.Status == SessionStatus.Draft && s.SessionDate < Today && (role == Roles.Manager || s.TherapistId == me)),
        q => q.OrderBy(s => s.SessionDate).ThenBy(s => s.Id).Select(s => new WorkRow { Id = s.Id, PatientId = s.PatientId, Day = s.SessionDate }),
        r => $"/Sessions/Edit/{r.Id}", "TreatmentSession");

    private IWorkQueue ReportDrafts() => new WorkQueue<OutcomeReport>("report-drafts", "Report drafts to complete",
        "Complete and send the report to the referring clinician.",
        db.OutcomeReports.Where(r => r.Status == ReportStatus.Draft && r.AuthorId == me),
        q => q.OrderBy(r => r.CreatedAt).Select(r => new WorkRow
        {
            Id = r.Id, PatientId = r.PatientId, Since = r.CreatedAt, Detail = r.Kind == ReportKind.Discharge ? "Discharge summary" : "Progress report",
        }),
        r => $"/Reports/Details/{r.Id}", "OutcomeReport");

    private IWorkQueue ReportsToAcknowledge() => new WorkQueue<OutcomeReport>("reports", "Reports to read and acknowledge",
        "Read the report and acknowledge it, with a note if you wish.",
        db.OutcomeReports.Where(r => r.Status == ReportStatus.Sent && r.Recipients.Contains(me)),
        q => q.OrderBy(r => r.SentAt).Select(r => new WorkRow
        {
            Id = r.Id, PatientId = r.PatientId, Since = r.SentAt, Detail = r.Kind == ReportKind.Discharge ? "Discharge summary" : "Progress report",
        }),
        r => $"/Reports/Details/{r.Id}", "OutcomeReport");

    private IWorkQueue HeldClaims() => new WorkQueue<Claim>("held-claims", "Claims held",
        "Correct what holds the claim; it is then ready to submit.",
        db.Claims.Where(c => c.Status == ClaimStatus.Held),
        q => q.OrderBy(c => c.CreatedAt).Select(c => new WorkRow { Id = c.Id, PatientId = c.PatientId, Since = c.CreatedAt, Detail = c.ClaimNumber }),
        r => $"/Billing/Claim/{r.Id}", "Claim", "/Billing");

    private IWorkQueue Denials() => new WorkQueue<Claim>("denials", "Denials to work",
        "Appeal, correct and resubmit, or write off with a reason.",
        db.Claims.Where(c => c.Status == ClaimStatus.Denied),
        q => q.OrderBy(c => c.RemittedAt).ThenBy(c => c.Id).Select(c => new WorkRow { Id = c.Id, PatientId = c.PatientId, Since = c.RemittedAt, Detail = c.ClaimNumber }),
        r => $"/Billing/Claim/{r.Id}", "Claim", "/Billing");

    private IWorkQueue CredentialsExpiring()
    {
        var horizon = Today.AddDays(CredentialHorizonDays);
        return new WorkQueue<Practitioner>("credentials", "Licences and certifications expiring",
            "Record the renewal on the practitioner; an expired licence stops booking and signing.",
            db.Practitioners.Where(p => p.Licences.Any(l => l.Status == LicenceStatus.Active && l.ExpiresOn <= horizon)
                || p.Certifications.Any(c => c.ExpiresOn != null && c.ExpiresOn <= horizon)),
            q => q.OrderBy(p => p.Id).Select(p => new WorkRow
            {
                Id = p.Id,
                Day = p.Licences.Where(l => l.Status == LicenceStatus.Active && l.ExpiresOn <= horizon).Select(l => (DateOnly?)l.ExpiresOn)
                    .Concat(p.Certifications.Where(c => c.ExpiresOn != null && c.ExpiresOn <= horizon).Select(c => c.ExpiresOn)).Min(),
                Detail = db.Users.Where(u => u.Id == p.UserId).Select(u => u.DisplayName).FirstOrDefault(),
            }),
            _ => "/Practitioners", auditedAs: null,
            describe: (r, _) => (r.Detail ?? "Practitioner", r.Day is { } day && day < Today ? $"expired {day:yyyy-MM-dd}" : $"expires {r.Day:yyyy-MM-dd}"));
    }
}
