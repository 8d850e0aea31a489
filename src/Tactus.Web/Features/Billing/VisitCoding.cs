using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

/// <summary>
/// The codes a signed visit produces, before any claim: drafted by the coding engine when the note is
/// signed, reviewed (and adjusted, with a reason kept here and in the audit trail) by a biller, then claimed.
/// </summary>
public sealed class VisitCoding : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid SessionId { get; init; }
    public Guid ReferralId { get; init; }
    public Guid TherapistId { get; init; }
    public DateOnly ServiceDate { get; init; }
    public Guid? CoverageId { get; set; }
    public Guid? PayerId { get; set; }
    public TimedUnitRule UnitRule { get; set; }
    public VisitCodingStatus Status { get; private set; } = VisitCodingStatus.ToReview;
    private List<CodedLine> _lines = [];

    public List<CodedLine> Lines
    {
        get => _lines;
        set
        {
            _lines = value;
            BillableUnits = value.Sum(l => l.Units);
            ChargeTotal = value.Sum(l => l.Charge);
        }
    }

    /// <summary>The units on the lines, stored so an authorisation's units used are a SQL sum (Lines is a JSON document).</summary>
    public int BillableUnits { get; private set; }

    /// <summary>The charges on the lines at the fee schedule, stored so a programme's cost is a SQL sum (issue 14 §3).</summary>
    public decimal ChargeTotal { get; private set; }

    public List<string> Diagnoses { get; set; } = [];
    public List<string> Reasoning { get; set; } = [];
    public List<string> Warnings { get; set; } = [];
    public List<CodingAdjustment> Adjustments { get; private set; } = [];
    public Guid? ReviewedById { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public Guid? ClaimId { get; private set; }

    /// <summary>The claim these codes were on before it was sent back for correction; the next claim replaces it.</summary>
    public Guid? PreviousClaimId { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }

    public decimal TotalCharge => ChargeTotal;

    /// <summary>
    /// Codes from the note (first coding, or again after an amendment): the biller reviews it again; claimed codes stay
    /// and are flagged. A self-pay visit (no coverage on its day) never enters the insurance queue: it is charged to the patient.
    /// </summary>
    public void Apply(CodingResult result, bool selfPay = false)
    {
        if (Status == VisitCodingStatus.Claimed)
        {
            Warnings = [.. Warnings, "The note was amended after these codes were claimed; check the claim against the amended note."];
            return;
        }

        Status = selfPay ? VisitCodingStatus.SelfPay : VisitCodingStatus.ToReview;
        Lines = [.. result.Lines];
        Diagnoses = [.. result.Diagnoses];
        Reasoning = [.. result.Reasoning];
        Warnings = [.. result.Warnings];
    }

    /// <summary>A biller's change to one line, kept with the line before and after and the reason.</summary>
    public void Adjust(string code, CodedLine changed, string reason, Guid by, DateTimeOffset at)
    {
        EnsureOpen();
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleException("reason-required", "Give the reason for the adjustment; it is kept with the claim's history.", StatusCodes.Status422UnprocessableEntity);
        }

        var index = Lines.FindIndex(l => l.Code == code);
        if (index < 0)
        {
            throw new DomainRuleException("unknown-line", $"This visit has no {code} line.", StatusCodes.Status422UnprocessableEntity);
        }

        var before = Lines[index];
        Lines = [.. Lines.Take(index), changed, .. Lines.Skip(index + 1)];
        Adjustments = [.. Adjustments, new CodingAdjustment(at, by, reason.Trim(), before, changed)];
        Status = VisitCodingStatus.ToReview;
    }

    public void MarkReviewed(Guid by, DateTimeOffset at)
    {
        EnsureOpen();
        Status = VisitCodingStatus.Reviewed;
        ReviewedById = by;
        ReviewedAt = at;
    }

    public void MarkClaimed(Guid claimId)
    {
        if (Status != VisitCodingStatus.Reviewed)
        {
            throw new DomainRuleException("not-reviewed", "A biller reviews the visit's codes before a claim is made from them.");
        }

        Status = VisitCodingStatus.Claimed;
        ClaimId = claimId;
    }

    /// <summary>A claim sent back for correction gives its visits back for review.</summary>
    public void Release()
    {
        Status = VisitCodingStatus.ToReview;
        PreviousClaimId = ClaimId;
        ClaimId = null;
    }

    private void EnsureOpen()
    {
        if (Status == VisitCodingStatus.Claimed)
        {
            throw new DomainRuleException("claimed", "These codes are on a claim already; correct the claim instead.");
        }
    }
}

public enum VisitCodingStatus
{
    ToReview,
    Reviewed,
    Claimed,

    /// <summary>No coverage on the visit's day: the patient is charged on their statement; no claim is made.</summary>
    SelfPay,
}

public sealed record CodingAdjustment(DateTimeOffset At, Guid ById, string Reason, CodedLine Before, CodedLine After);
