using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Reports;

/// <summary>
/// A progress report or discharge summary for the referring clinician (FHIR DiagnosticReport). Drafted from
/// the record, completed with the therapist's assessment and recommendation, then sent: from then on its
/// content is a frozen snapshot, so the page, the PDF and the FHIR JSON always say the same thing.
/// </summary>
public sealed class OutcomeReport : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid ReferralId { get; init; }
    public Guid? PlanId { get; init; }
    public ReportKind Kind { get; init; }
    public ReportStatus Status { get; private set; } = ReportStatus.Draft;
    public Guid AuthorId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>True when the report was drafted by the schedule in the plan rather than by hand.</summary>
    public bool DraftedBySchedule { get; init; }

    public string? Assessment { get; private set; }
    public string? Recommendation { get; private set; }
    public ReportContent Content { get; private set; } = ReportContent.Empty;
    public DateTimeOffset? SentAt { get; private set; }
    public List<Guid> Recipients { get; init; } = [];
    public Guid? AcknowledgedById { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgementNote { get; private set; }

    public string Title => Kind == ReportKind.Discharge ? "Discharge summary" : "Progress report";

    public void Refresh(ReportContent content)
    {
        RequireDraft();
        Content = content;
    }

    public void Write(string? assessment, string? recommendation)
    {
        RequireDraft();
        Assessment = string.IsNullOrWhiteSpace(assessment) ? null : assessment.Trim();
        Recommendation = string.IsNullOrWhiteSpace(recommendation) ? null : recommendation.Trim();
    }

    public void Send(ReportContent content, IEnumerable<Guid> recipients, DateTimeOffset at)
    {
        RequireDraft();
        if (Assessment is null || Recommendation is null)
        {
            throw new DomainRuleException("incomplete-report", "Write your assessment and recommendation before sending the report.", StatusCodes.Status422UnprocessableEntity);
        }

        Content = content;
        Recipients.AddRange(recipients);
        Status = ReportStatus.Sent;
        SentAt = at;
    }

    public void Acknowledge(Guid by, string? note, DateTimeOffset at)
    {
        if (Status != ReportStatus.Sent)
        {
            throw new DomainRuleException(Status == ReportStatus.Draft ? "not-sent" : "already-acknowledged",
                Status == ReportStatus.Draft ? "This report has not been sent yet." : "This report was already acknowledged.");
        }

        if (!Recipients.Contains(by))
        {
            throw new DomainRuleException("forbidden", "Only the clinician the report was sent to acknowledges it.", 403);
        }

        Status = ReportStatus.Acknowledged;
        AcknowledgedById = by;
        AcknowledgedAt = at;
        AcknowledgementNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    private void RequireDraft()
    {
        if (Status != ReportStatus.Draft)
        {
            throw new DomainRuleException("report-sent", "A sent report cannot change; write a new one.");
        }
    }
}

public enum ReportKind
{
    Progress,
    Discharge,
}

public enum ReportStatus
{
    Draft,
    Sent,
    Acknowledged,
}
