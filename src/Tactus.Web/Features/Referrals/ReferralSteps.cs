using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Referrals;

/// <summary>
/// Who may move a referral which way, in one place: the page offers exactly these steps and the API and workflow
/// allow exactly these. A step needs the person's role (and relationship) to allow it and the referral's state to
/// allow its target; a step that is right for the role but not for the state is a conflict, not a permission.
/// </summary>
public static class ReferralSteps
{
    public static ReferralStatus Target(ReferralWorkflow.Step step) => step switch
    {
        ReferralWorkflow.Step.Send => ReferralStatus.Sent,
        ReferralWorkflow.Step.Accept or ReferralWorkflow.Step.Resume => ReferralStatus.Accepted,
        ReferralWorkflow.Step.Decline => ReferralStatus.Declined,
        ReferralWorkflow.Step.Schedule => ReferralStatus.Scheduled,
        ReferralWorkflow.Step.Start => ReferralStatus.InProgress,
        ReferralWorkflow.Step.Hold => ReferralStatus.OnHold,
        ReferralWorkflow.Step.Discharge => ReferralStatus.Discharged,
        ReferralWorkflow.Step.Cancel => ReferralStatus.Cancelled,
    };

    /// <summary>The step as a past participle, for messages: "cannot be discharged".</summary>
    public static string Done(ReferralWorkflow.Step step) => step switch
    {
        ReferralWorkflow.Step.Send => "sent",
        ReferralWorkflow.Step.Accept => "accepted",
        ReferralWorkflow.Step.Decline => "declined",
        ReferralWorkflow.Step.Schedule => "scheduled",
        ReferralWorkflow.Step.Start => "started",
        ReferralWorkflow.Step.Hold => "put on hold",
        ReferralWorkflow.Step.Resume => "resumed",
        ReferralWorkflow.Step.Discharge => "discharged",
        ReferralWorkflow.Step.Cancel => "cancelled",
    };

    /// <summary>Whether the person's role and relationship to this referral let them take the step (whatever its state).</summary>
    public static bool RoleMay(Referral referral, ReferralWorkflow.Step step, string? role, Guid? userId)
    {
        var manager = role is Roles.Manager or Roles.Administrator;
        var referrer = role == Roles.Clinician && referral.ReferringClinicianId == userId;
        var assigned = role == Roles.Therapist && referral.AssignedTherapistId == userId;
        return step switch
        {
            // The schedule moves these, nobody by hand (issue 13 §1): booking the first visit makes the referral
            // scheduled (BookingWorkflow), the first check-in makes it in progress (SessionWorkflow).
            ReferralWorkflow.Step.Schedule or ReferralWorkflow.Step.Start => false,
            ReferralWorkflow.Step.Send => manager || referrer,
            ReferralWorkflow.Step.Cancel => manager || (referrer && referral.Status is ReferralStatus.Draft or ReferralStatus.Sent),
            ReferralWorkflow.Step.Discharge => manager || assigned,
            ReferralWorkflow.Step.Accept or ReferralWorkflow.Step.Decline or ReferralWorkflow.Step.Hold or ReferralWorkflow.Step.Resume => manager,
        };
    }

    /// <summary>Whether the referral's state allows the step: its target is a next status, and accept and resume are told apart.</summary>
    public static bool StateAllows(Referral referral, ReferralWorkflow.Step step) =>
        referral.NextStatuses.Contains(Target(step)) && step switch
        {
            ReferralWorkflow.Step.Accept => referral.Status == ReferralStatus.Sent,
            ReferralWorkflow.Step.Resume => referral.Status == ReferralStatus.OnHold,
            ReferralWorkflow.Step.Schedule or ReferralWorkflow.Step.Start => referral.Status != ReferralStatus.OnHold,
            _ => true,
        };

    /// <summary>The steps this person may take on this referral now: what the page offers and what the API accepts.</summary>
    public static IReadOnlyList<ReferralWorkflow.Step> Available(Referral referral, string? role, Guid? userId) =>
        [.. Enum.GetValues<ReferralWorkflow.Step>().Where(step => RoleMay(referral, step, role, userId) && StateAllows(referral, step))];
}
