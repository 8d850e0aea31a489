using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Plans;

/// <summary>
/// The therapist's plan for a referral (FHIR CarePlan + Goal): measurable goals, dose, techniques and
/// precautions. Signed by the therapist, then certified by the referring clinician; due for
/// re-certification after a number of days or visits.
/// </summary>
public sealed class PlanOfCare : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid ReferralId { get; init; }
    public Guid AuthorId { get; init; }
    public string? ProtocolId { get; init; }
    public List<PlanGoal> Goals { get; init; } = [];
    public int SessionsPerWeek { get; init; }
    public int Weeks { get; init; }
    public List<string> Techniques { get; init; } = [];
    public string? Precautions { get; init; }
    public DateTimeOffset CreatedAt
    {
        get;
        init
        {
            field = value;
            ActionDueOn = DateOnly.FromDateTime(value.UtcDateTime);
        }
    }
    public PlanStatus Status { get; private set; } = PlanStatus.Draft;
    public Guid? SignedById { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public Guid? CertifiedById { get; private set; }
    public DateTimeOffset? CertifiedAt { get; private set; }
    public DateOnly? RecertifyBy { get; private set; }
    public int RecertifyAfterVisits { get; init; }

    /// <summary>Which questionnaires are given at baseline, every N visits and at discharge.</summary>
    public List<MeasureSchedule> Measures { get; init; } = [];

    /// <summary>A progress report is due after this many signed visits since the last one (0: not by visits).</summary>
    public int ReportEveryVisits { get; init; }

    /// <summary>A progress report is due this many days after the last one (0: not by days).</summary>
    public int ReportEveryDays { get; init; }

    public int PlannedVisits => SessionsPerWeek * Weeks;

    /// <summary>
    /// Signed visits under this plan: a stored count, raised in the transaction that signs a visit (SessionWorkflow), so
    /// "due for re-certification by visits" is a column comparison the work-list can filter on, not a count per plan.
    /// </summary>
    public int SignedVisits { get; private set; }

    /// <summary>
    /// False once the referral's episode has closed (discharged, cancelled or declined: final states): the plan then
    /// waits on nobody, so it leaves the plans work-list. Stored and indexed, so the work-list reads the open episodes'
    /// plans instead of testing every plan the clinic ever made against its referral. Kept by PlanEpisodes.
    /// </summary>
    public bool EpisodeOpen { get; private set; } = true;

    /// <summary>The episode ended: nothing about this plan waits on anyone any more.</summary>
    public void CloseEpisode()
    {
        EpisodeOpen = false;
        ActionDueOn = null;
    }

    /// <summary>For a bulk load that writes the plan with its signed visits already counted (SyntheticVolume).</summary>
    /// <param name="limitReachedOn">The day the visit that reached <see cref="RecertifyAfterVisits"/> was given, if one was.</param>
    public void CountSignedVisits(int count, DateOnly? limitReachedOn)
    {
        SignedVisits = count;
        if (Status == PlanStatus.Certified && limitReachedOn is { } reached && (ActionDueOn is null || ActionDueOn > reached))
        {
            ActionDueOn = reached;
        }
    }

    public void Sign(Guid therapistId, DateTimeOffset at)
    {
        if (Status != PlanStatus.Draft)
        {
            throw new DomainRuleException("already-signed", "This plan is already signed; changes need a new plan.");
        }

        Status = PlanStatus.Signed;
        SignedById = therapistId;
        SignedAt = at;
        ActionDueOn = DateOnly.FromDateTime(at.UtcDateTime);
    }

    public void Certify(Guid clinicianId, DateTimeOffset at, int recertifyAfterDays)
    {
        if (Status != PlanStatus.Signed)
        {
            throw new DomainRuleException("not-signed", Status == PlanStatus.Draft
                ? "The therapist must sign the plan before it can be certified."
                : "This plan is already certified.");
        }

        Status = PlanStatus.Certified;
        CertifiedById = clinicianId;
        CertifiedAt = at;
        RecertifyBy = DateOnly.FromDateTime(at.UtcDateTime).AddDays(recertifyAfterDays);
        // Visits already given up to the limit (signed before the certification came back) make it due at once.
        ActionDueOn = SignedVisits >= RecertifyAfterVisits ? DateOnly.FromDateTime(at.UtcDateTime) : RecertifyBy.Value.AddDays(1);
    }

    /// <summary>
    /// The day the plan next waits on someone: its creation for a draft (the therapist signs it), its signature for a
    /// signed plan (the clinician certifies it), and for a certified plan the first day re-certification is due
    /// (<see cref="RecertificationDue"/> stored: the day after <see cref="RecertifyBy"/>, or the day the signed visits
    /// reached the limit if that came first; SessionWorkflow brings it forward in the transaction that signs the visit).
    /// None once the episode has closed. With <see cref="EpisodeOpen"/> it is the plans work-list as one index range:
    /// open episodes' plans due by today (and the planner's estimate of that range counts only open episodes).
    /// </summary>
    public DateOnly? ActionDueOn { get; private set; }

    /// <summary>Re-certification is due when the date passes or the visits given reach the limit.</summary>
    public bool RecertificationDue(DateOnly today, int visitsGiven) =>
        Status == PlanStatus.Certified && (today > RecertifyBy || visitsGiven >= RecertifyAfterVisits);
}

public sealed class PlanGoal
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Description { get; init; }

    /// <summary>The instrument the goal is measured with (e.g. NPRS), when it is a target on a score.</summary>
    public string? Instrument { get; init; }

    /// <summary>The target, e.g. "≤ 3" or "−10 points".</summary>
    public string? Target { get; init; }

    public DateOnly? TargetDate { get; init; }
}

/// <summary>One instrument's place in the plan's measurement schedule.</summary>
public sealed class MeasureSchedule
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string Instrument { get; init; }
    public bool AtBaseline { get; init; } = true;

    /// <summary>Given at every Nth visit (visit N, 2N, ...); 0 means not periodically.</summary>
    public int EveryVisits { get; init; }

    public bool AtDischarge { get; init; } = true;
}

public enum PlanStatus
{
    Draft,
    Signed,
    Certified,
}
