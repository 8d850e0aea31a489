using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Sessions;

/// <summary>
/// One visit (FHIR Encounter, with a Procedure per technique): check-in, SOAP note, body chart,
/// techniques with minutes and pressure, patient response and adverse events. Signing locks it;
/// later changes are amendments that keep the original.
/// </summary>
public sealed class TreatmentSession : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid ReferralId { get; init; }
    public Guid? PlanId { get; init; }
    public Guid TherapistId { get; init; }
    public DateOnly SessionDate { get; init; }

    /// <summary>1 for the day's first visit under the referral; a second visit the same day is started on purpose.</summary>
    public int VisitOfDay { get; init; } = 1;
    public DateTimeOffset CheckedInAt { get; init; }
    private readonly CheckIn _checkIn = null!;

    public required CheckIn CheckIn
    {
        get => _checkIn;
        init
        {
            _checkIn = value;
            PainBefore = value.PainBefore;
            StressBefore = value.StressBefore;
        }
    }

    /// <summary>
    /// Pain and stress (0-10) at check-in and after the session, beside the check-in and the note they come from, so the
    /// programme's report sums the change within a visit in SQL (issue 14 §1); null after when the note does not say.
    /// </summary>
    public int PainBefore { get; private set; }

    public int StressBefore { get; private set; }

    public int? PainAfter { get; private set; }

    public int? StressAfter { get; private set; }
    public SessionNote Note { get; private set; } = new();
    public SessionStatus Status { get; private set; } = SessionStatus.Draft;
    public Guid? SignedById { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }

    /// <summary>Signed more than a day after the visit: shown as a late entry.</summary>
    public bool LateEntry { get; private set; }

    public List<SessionAmendment> Amendments { get; private set; } = [];

    /// <summary>The most severe adverse event in the note, kept beside it so the safety review finds such visits by index.</summary>
    public AdverseSeverity? WorstAdverseEvent { get; private set; }

    public void Document(SessionNote note)
    {
        if (Status != SessionStatus.Draft)
        {
            throw new DomainRuleException("signed", "A signed note cannot be edited. Add an amendment with the reason for the change.");
        }

        Note = note;
        WorstAdverseEvent = Worst(note);
        (PainAfter, StressAfter) = (note.PainAfter, note.StressAfter);
    }

    public void Sign(Guid therapistId, DateTimeOffset at)
    {
        if (Status != SessionStatus.Draft)
        {
            throw new DomainRuleException("signed", "This note is already signed.");
        }

        Status = SessionStatus.Signed;
        SignedById = therapistId;
        SignedAt = at;
        LateEntry = DateOnly.FromDateTime(at.UtcDateTime) > SessionDate.AddDays(1);
    }

    /// <summary>Replaces the note and keeps the signed original alongside the reason.</summary>
    public void Amend(SessionNote amended, string reason, Guid by, DateTimeOffset at)
    {
        if (Status != SessionStatus.Signed)
        {
            throw new DomainRuleException("not-signed", "Only a signed note is amended; a draft is simply edited.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("reason-required", "Give the reason for the amendment.", StatusCodes.Status422UnprocessableEntity);
        }

        // A new list instance, so the JSON column is seen as changed.
        Amendments = [.. Amendments, new SessionAmendment(at, by, reason.Trim(), Note, amended)];
        Note = amended;
        WorstAdverseEvent = Worst(amended);
        (PainAfter, StressAfter) = (amended.PainAfter, amended.StressAfter);
    }

    private static AdverseSeverity? Worst(SessionNote note) =>
        note.AdverseEvents.Count == 0 ? null : note.AdverseEvents.Max(a => a.Severity);
}

public enum SessionStatus
{
    Draft,
    Signed,
}

/// <summary>
/// Before the session: pain and stress now (0-10), what changed in the patient's health since the last visit
/// (structured, screened with the record) with a free-text note, what screening warned of, and, when the
/// payer's authorisation is used up or missing, the reason the visit goes ahead anyway (kept, audited).
/// </summary>
public sealed record CheckIn(int PainBefore, int StressBefore, Screening.HealthChanges Changes, string? Note = null,
    string? AuthorizationOverride = null, IReadOnlyList<string>? Warnings = null)
{
    public bool HealthChanged => Changes.Any || Note is not null;
}

public sealed record SessionNote
{
    public string? Subjective { get; init; }
    public string? Objective { get; init; }
    public string? Assessment { get; init; }
    public string? Plan { get; init; }
    public List<RegionMark> BodyChart { get; init; } = [];
    public List<TechniqueApplied> Techniques { get; init; } = [];
    public string? PatientResponse { get; init; }
    public int? PainAfter { get; init; }
    public int? StressAfter { get; init; }
    public List<AdverseEvent> AdverseEvents { get; init; } = [];

    public int TotalMinutes => Techniques.Sum(t => t.Minutes);
}

public sealed record RegionMark(string Region, BodyMark Mark);

public enum BodyMark
{
    Treated,
    Tenderness,
    TriggerPoint,
    RestrictedRange,
    Avoided,
}

public sealed record TechniqueApplied(string Technique, string Region, int Minutes, int Pressure);

public sealed record AdverseEvent(string Kind, AdverseSeverity Severity, string? Note);

public enum AdverseSeverity
{
    Mild,
    Moderate,
    Severe,
}

public sealed record SessionAmendment(DateTimeOffset At, Guid ById, string Reason, SessionNote Original, SessionNote Amended);
