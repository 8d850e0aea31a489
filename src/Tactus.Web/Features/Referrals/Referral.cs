using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Referrals;

/// <summary>
/// A clinician's request for medical massage (FHIR ServiceRequest). Its lifecycle lives here, in one
/// allowed-transition table; every transition is time-stamped with who made it.
/// </summary>
public sealed class Referral : IOrganizationOwned, IPatientData
{
    /// <summary>Which states each state may move to. Anything else is refused.</summary>
    private static readonly Dictionary<ReferralStatus, ReferralStatus[]> Allowed = new()
    {
        [ReferralStatus.Draft] = [ReferralStatus.Sent, ReferralStatus.Cancelled],
        [ReferralStatus.Sent] = [ReferralStatus.Accepted, ReferralStatus.Declined, ReferralStatus.Cancelled],
        [ReferralStatus.Accepted] = [ReferralStatus.Scheduled, ReferralStatus.InProgress, ReferralStatus.OnHold, ReferralStatus.Cancelled],
        // Back to accepted when its only booked visit is cancelled or missed: the schedule moves it (issue 13 §1).
        [ReferralStatus.Scheduled] = [ReferralStatus.Accepted, ReferralStatus.InProgress, ReferralStatus.OnHold, ReferralStatus.Cancelled],
        [ReferralStatus.InProgress] = [ReferralStatus.OnHold, ReferralStatus.Discharged, ReferralStatus.Cancelled],
        [ReferralStatus.OnHold] = [ReferralStatus.Accepted, ReferralStatus.Scheduled, ReferralStatus.InProgress, ReferralStatus.Cancelled],
        [ReferralStatus.Declined] = [],
        [ReferralStatus.Discharged] = [],
        [ReferralStatus.Cancelled] = [],
    };

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid ReferringClinicianId { get; init; }

    /// <summary>Who typed it in, when staff enter a referral on the clinician's behalf.</summary>
    public Guid EnteredById { get; init; }

    /// <summary>
    /// The referring system's own identifier of this order (FHIR ServiceRequest.identifier, e.g. the EHR's placer order
    /// number), unique within the organisation: a retried inbound referral finds the first instead of doubling it.
    /// </summary>
    public string? ExternalSystem { get; init; }

    public string? ExternalId { get; init; }

    public required string Reason { get; set; }
    public string? Goals { get; set; }
    public string? Precautions { get; set; }
    public int VisitsRequested { get; set; }
    public ReferralUrgency Urgency { get; set; }
    public ReferralStatus Status { get; private set; } = ReferralStatus.Draft;
    public Guid? AssignedTherapistId { get; private set; }
    public string? StatusReason { get; private set; }
    private readonly DateTimeOffset _createdAt;

    public DateTimeOffset CreatedAt
    {
        get => _createdAt;
        init
        {
            _createdAt = value;
            ReferredOn = DateOnly.FromDateTime(value.UtcDateTime);
        }
    }

    /// <summary>
    /// The referral's day (UTC), stored so a report can count days from it in SQL (health-care use in the 180 days after
    /// a referral: both stores add days to a date, and neither adds them to an instant stored as ticks).
    /// </summary>
    public DateOnly ReferredOn { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }
    public List<ReferralDiagnosis> Diagnoses { get; init; } = [];
    public List<ReferralStatusChange> StatusChanges { get; init; } = [];

    /// <summary>
    /// The work-list's order as one stored, indexed number, so the database walks an index instead of sorting every
    /// referral the clinic ever received: new (sent, not yet accepted) first, then open, then closed; urgent before
    /// routine within each; one never sent (no date) after the dated ones. Worked out from the state on every save
    /// (the setter only lets EF load it).
    /// </summary>
    public int WorklistRank
    {
        get => (Status == ReferralStatus.Sent ? 0 : IsClosed ? 8 : 4) + (Urgency == ReferralUrgency.Urgent ? 0 : 2) + (SentAt is null ? 1 : 0);
        private set { }
    }

    public bool IsClosed => Allowed[Status].Length == 0;

    public static bool CanMove(ReferralStatus from, ReferralStatus to) => Allowed[from].Contains(to);

    public IReadOnlyList<ReferralStatus> NextStatuses => Allowed[Status];

    public void Send(Guid by, DateTimeOffset at)
    {
        MoveTo(ReferralStatus.Sent, by, at, null);
        SentAt = at;
    }

    public void Accept(Guid by, DateTimeOffset at) => MoveTo(ReferralStatus.Accepted, by, at, null);

    public void Decline(string reason, Guid by, DateTimeOffset at) => MoveTo(ReferralStatus.Declined, by, at, Required(reason, "declining"));

    public void Schedule(Guid by, DateTimeOffset at) => MoveTo(ReferralStatus.Scheduled, by, at, null);

    public void Start(Guid by, DateTimeOffset at) => MoveTo(ReferralStatus.InProgress, by, at, null);

    /// <summary>Nothing is booked any more (the only visit was cancelled or missed): it waits to be booked again.</summary>
    public void Unschedule(Guid by, DateTimeOffset at) => MoveTo(ReferralStatus.Accepted, by, at, "no visit booked any more");

    public void Hold(string reason, Guid by, DateTimeOffset at) => MoveTo(ReferralStatus.OnHold, by, at, Required(reason, "putting on hold"));

    /// <summary>Back to the state it was held from.</summary>
    public void Resume(Guid by, DateTimeOffset at)
    {
        var before = StatusChanges.LastOrDefault(c => c.To == ReferralStatus.OnHold)?.From ?? ReferralStatus.Accepted;
        if (Status != ReferralStatus.OnHold)
        {
            throw Refused(Status, "resumed");
        }

        MoveTo(before, by, at, null);
    }

    public void Discharge(Guid by, DateTimeOffset at) => MoveTo(ReferralStatus.Discharged, by, at, null);

    public void Cancel(string reason, Guid by, DateTimeOffset at) => MoveTo(ReferralStatus.Cancelled, by, at, Required(reason, "cancelling"));

    /// <summary>Assignment is possible once accepted and until the referral closes; the licence gate is the workflow's.</summary>
    public void AssignTherapist(Guid therapistId)
    {
        if (Status is ReferralStatus.Draft or ReferralStatus.Sent || IsClosed)
        {
            throw new DomainRuleException("invalid-assignment",
                $"A therapist can be assigned once the referral is accepted and until it closes; this one is {Describe(Status)}.");
        }

        AssignedTherapistId = therapistId;
    }

    private void MoveTo(ReferralStatus to, Guid by, DateTimeOffset at, string? reason)
    {
        if (!CanMove(Status, to))
        {
            throw Refused(Status, Verb(to));
        }

        StatusChanges.Add(new ReferralStatusChange { From = Status, To = to, At = at, ByUserId = by, Reason = reason });
        Status = to;
        StatusReason = reason;
    }

    private static DomainRuleException Refused(ReferralStatus from, string verb) =>
        new("invalid-transition", $"A referral that is {Describe(from)} cannot be {verb}.");

    private static string Required(string? reason, string action) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new DomainRuleException("reason-required", $"Give a reason for {action} the referral.", StatusCodes.Status422UnprocessableEntity)
            : reason.Trim();

    public static string Describe(ReferralStatus status) => status switch
    {
        ReferralStatus.Draft => "a draft",
        ReferralStatus.Sent => "sent",
        ReferralStatus.Accepted => "accepted",
        ReferralStatus.Declined => "declined",
        ReferralStatus.Scheduled => "scheduled",
        ReferralStatus.InProgress => "in progress",
        ReferralStatus.OnHold => "on hold",
        ReferralStatus.Discharged => "discharged",
        ReferralStatus.Cancelled => "cancelled",
    };

    private static string Verb(ReferralStatus to) => to switch
    {
        ReferralStatus.Draft => "made a draft again",
        ReferralStatus.Sent => "sent",
        ReferralStatus.Accepted => "accepted",
        ReferralStatus.Declined => "declined",
        ReferralStatus.Scheduled => "scheduled",
        ReferralStatus.InProgress => "started",
        ReferralStatus.OnHold => "put on hold",
        ReferralStatus.Discharged => "discharged",
        ReferralStatus.Cancelled => "cancelled",
    };
}

public sealed class ReferralDiagnosis
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public int Rank { get; init; }
    public required string Code { get; init; }
    public required string Display { get; init; }
}

public sealed class ReferralStatusChange
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public ReferralStatus From { get; init; }
    public ReferralStatus To { get; init; }
    public DateTimeOffset At { get; init; }
    public Guid ByUserId { get; init; }
    public string? Reason { get; init; }
}
