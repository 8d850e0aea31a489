namespace Tactus.Web.Features.Referrals;

/// <summary>Where a referral is in the loop (PRODUCT.md step 1; FHIR ServiceRequest status is mapped from this).</summary>
public enum ReferralStatus
{
    Draft,
    Sent,
    Accepted,
    Declined,
    Scheduled,
    InProgress,
    OnHold,
    Discharged,
    Cancelled,
}

public enum ReferralUrgency
{
    Routine,
    Urgent,
}
