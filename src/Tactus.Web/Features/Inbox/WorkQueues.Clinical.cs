using Tactus.Web.Features.Access;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Inbox;

/// <summary>The two queues that look across records: clearance requests and questionnaires gone unanswered.</summary>
internal sealed partial class WorkQueues
{
    /// <summary>
    /// A finding that needs clearance blocks treatment until the referring clinician clears it (clinical.md §2, the
    /// screening rules' "clearance" effect): it waits on the clinician who referred the patient, while a referral
    /// of theirs is open.
    /// </summary>
    private IWorkQueue ClearanceRequests()
    {
        var active = FindingStatus.Active;
        var closed = new[] { ReferralStatus.Declined, ReferralStatus.Discharged, ReferralStatus.Cancelled, ReferralStatus.Draft };
        return new WorkQueue<PatientFinding>("clearance", "Clearance requests",
            "Clear the finding with your reason on the patient's record, or advise against massage.",
            db.Findings.Where(f => f.Status == active && f.Does.Contains(RuleEffects.Clearance) && !f.Does.Contains(RuleEffects.Defer)
                && db.Referrals.Any(r => r.PatientId == f.PatientId && r.ReferringClinicianId == me && !closed.Contains(r.Status))),
            q => q.OrderBy(f => f.DetectedAt).ThenBy(f => f.Id).Select(f => new WorkRow { Id = f.Id, PatientId = f.PatientId, Since = f.DetectedAt, Detail = f.Finding }),
            r => $"/Patients/Details/{r.PatientId}", "PatientFinding");
    }

    /// <summary>
    /// A questionnaire link that expired unanswered waits on whoever sent it (all of them on the manager), until the
    /// patient answers (in the portal, by a new link or at the visit) or a new link is sent.
    /// </summary>
    private IWorkQueue QuestionnairesOverdue()
    {
        var since = now.AddDays(-QuestionnaireFollowUpDays);
        return new WorkQueue<MeasureInvitation>("questionnaires", "Questionnaires overdue",
            "Send the link again, or give the questionnaire at the next visit.",
            db.MeasureInvitations.Where(i => i.UsedAt == null && i.ExpiresAt < now && i.ExpiresAt >= since && (role == Roles.Manager || i.CreatedById == me)
                && !db.MeasureInvitations.Any(later => later.PatientId == i.PatientId && later.CreatedAt > i.CreatedAt)
                && !db.MeasureResponses.Any(r => r.PatientId == i.PatientId && r.CompletedAt > i.CreatedAt)),
            q => q.OrderBy(i => i.ExpiresAt).ThenBy(i => i.Id).Select(i => new WorkRow { Id = i.Id, PatientId = i.PatientId, Since = i.ExpiresAt }),
            r => $"/Patients/Details/{r.PatientId}", "MeasureInvitation");
    }

    /// <summary>
    /// A patient asked in the portal for another time for a booked visit: it waits on the visit's therapist (and the
    /// manager) until the visit is moved or cancelled on the calendar.
    /// </summary>
    private IWorkQueue NewTimeRequests()
    {
        var waiting = Scheduling.WaitlistStatus.Waiting;
        return new WorkQueue<Scheduling.WaitlistEntry>("new-time", "Patients asking for another time",
            "Move the visit on the calendar (or cancel it); the request then closes itself.",
            db.WaitlistEntries.Where(w => w.Status == waiting && w.RegardingAppointmentId != null && (role == Roles.Manager || w.TherapistId == me)),
            q => q.OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).Select(w => new WorkRow { Id = w.Id, PatientId = w.PatientId, Since = w.CreatedAt, Detail = w.Note }),
            r => "/Scheduling", "WaitlistEntry", describe: (r, name) => (name ?? "Patient", r.Detail));
    }

    /// <summary>A patient's message from the portal waits on their care team (the query filter: therapists and clinicians of the patient; the manager all) until someone answers.</summary>
    private IWorkQueue PatientMessages()
    {
        var fromPatient = true;
        return new WorkQueue<Portal.CareMessage>("patient-messages", "Messages from patients",
            "Answer on the patient's record; the patient reads it in the portal.",
            db.CareMessages.Where(m => m.FromPatient == fromPatient && m.ReadAt == null),
            q => q.OrderBy(m => m.SentAt).ThenBy(m => m.Id).Select(m => new WorkRow { Id = m.Id, PatientId = m.PatientId, Since = m.SentAt, Detail = "Message" }),
            r => $"/Patients/Details/{r.PatientId}#messages", "CareMessage");
    }
}
