using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims;

/// <summary>
/// A professional claim (CMS-1500 / 837P) for one visit or a patient's visits in a period, to one payer.
/// Its lines are frozen from the reviewed visit codes; remittances post payments and adjustments onto them.
/// </summary>
public sealed class Claim : IOrganizationOwned, IPatientData
{
    /// <summary>
    /// Which states each state may move to; remittance outcomes may re-adjudicate any submitted claim, and a payer's
    /// reversal (835 CLP02 22) takes an adjudicated claim back to Submitted until its new decision arrives.
    /// </summary>
    private static readonly Dictionary<ClaimStatus, ClaimStatus[]> Allowed = new()
    {
        [ClaimStatus.Ready] = [ClaimStatus.Held, ClaimStatus.Submitted],
        [ClaimStatus.Held] = [ClaimStatus.Ready, ClaimStatus.WrittenOff],
        [ClaimStatus.Submitted] = [ClaimStatus.Accepted, ClaimStatus.Paid, ClaimStatus.PartlyPaid, ClaimStatus.Denied],
        [ClaimStatus.Accepted] = [ClaimStatus.Paid, ClaimStatus.PartlyPaid, ClaimStatus.Denied],
        [ClaimStatus.Paid] = [ClaimStatus.Paid, ClaimStatus.PartlyPaid, ClaimStatus.Denied, ClaimStatus.Replaced, ClaimStatus.Submitted],
        [ClaimStatus.PartlyPaid] = [ClaimStatus.Paid, ClaimStatus.PartlyPaid, ClaimStatus.Denied, ClaimStatus.Appealed, ClaimStatus.WrittenOff, ClaimStatus.Replaced, ClaimStatus.Submitted],
        [ClaimStatus.Denied] = [ClaimStatus.Paid, ClaimStatus.PartlyPaid, ClaimStatus.Denied, ClaimStatus.Appealed, ClaimStatus.WrittenOff, ClaimStatus.Replaced, ClaimStatus.Submitted],
        [ClaimStatus.Appealed] = [ClaimStatus.Paid, ClaimStatus.PartlyPaid, ClaimStatus.Denied, ClaimStatus.WrittenOff, ClaimStatus.Submitted],
        [ClaimStatus.WrittenOff] = [],
        [ClaimStatus.Replaced] = [],
    };

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid CoverageId { get; init; }
    public Guid PayerId { get; init; }

    /// <summary>CLM01, the patient control number the payer returns in CLP01 of the 835.</summary>
    public required string ClaimNumber { get; init; }

    public ClaimStatus Status { get; private set; } = ClaimStatus.Ready;
    public List<string> HoldReasons { get; private set; } = [];
    public List<ClaimLine> Lines { get; set; } = [];
    public List<string> Diagnoses { get; init; } = [];
    public List<Guid> VisitCodingIds { get; init; } = [];
    public Guid RenderingTherapistId { get; init; }
    public Guid? ReferringClinicianId { get; init; }
    public string? AuthorizationNumber { get; init; }

    /// <summary>The claim this one corrects; it is sent as a replacement (CLM05-3 = 7) with REF*F8 = the payer's control number of the original.</summary>
    public Guid? ReplacesClaimId { get; init; }

    public string? ReplacesPayerControlNumber { get; init; }

    /// <summary>For a claim to the secondary payer: the primary claim whose adjudication it carries (837P loops 2320 and 2430).</summary>
    public Guid? PrimaryClaimId { get; init; }

    /// <summary>CLM05-3 claim frequency: 1 original, 7 replacement of a prior claim.</summary>
    public string FrequencyCode => ReplacesClaimId is null ? "1" : "7";
    public required string PlaceOfService { get; init; }
    public DateOnly FromDate { get; init; }
    public DateOnly ToDate { get; init; }
    /// <summary>
    /// Money is stored as whole cents so both stores sum it in SQL (SQLite has no decimal arithmetic); the
    /// billing desk's totals and aging are SUMs over these columns, never a read of every open claim.
    /// </summary>
    public long TotalChargeCents { get; private set; }

    public long PaidCents { get; private set; }
    public long PatientResponsibilityCents { get; private set; }

    /// <summary>What the payer adjusted away other than the patient's share (CAS groups CO, OA, PI).</summary>
    public long AdjustedCents { get; private set; }

    /// <summary>Charge less paid, patient share and other adjustments; kept with every posting so it can be filtered and summed.</summary>
    public long OutstandingCents { get; private set; }

    public decimal TotalCharge
    {
        get => Cents.ToAmount(TotalChargeCents);
        init => OutstandingCents = TotalChargeCents = Cents.From(value);
    }

    public decimal Paid => Cents.ToAmount(PaidCents);
    public decimal PatientResponsibility => Cents.ToAmount(PatientResponsibilityCents);
    public string? PayerClaimControlNumber { get; private set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? RemittedAt { get; private set; }
    public Guid? BatchId { get; private set; }
    public List<ClaimStatusChange> StatusChanges { get; private set; } = [];

    public decimal Outstanding => Cents.ToAmount(OutstandingCents);

    public static bool CanMove(ClaimStatus from, ClaimStatus to) => Allowed[from].Contains(to);

    public void Hold(IReadOnlyList<string> reasons, Guid? by, DateTimeOffset at)
    {
        HoldReasons = [.. reasons];
        if (reasons.Count > 0 && Status != ClaimStatus.Held)
        {
            MoveTo(ClaimStatus.Held, by, at, string.Join("; ", reasons));
        }
        else if (reasons.Count == 0 && Status == ClaimStatus.Held)
        {
            MoveTo(ClaimStatus.Ready, by, at, "Every hold reason is resolved.");
        }
    }

    public void Submit(Guid batchId, Guid by, DateTimeOffset at)
    {
        MoveTo(ClaimStatus.Submitted, by, at, null);
        BatchId = batchId;
        SubmittedAt = at;
    }

    public void Appeal(string reason, Guid by, DateTimeOffset at) => MoveTo(ClaimStatus.Appealed, by, at, Required(reason, "appealing"));

    public void WriteOff(string reason, Guid by, DateTimeOffset at) => MoveTo(ClaimStatus.WrittenOff, by, at, Required(reason, "writing off"));

    public void MarkAccepted(Guid by, DateTimeOffset at) => MoveTo(ClaimStatus.Accepted, by, at, null);

    /// <summary>The payer adjudicated it and something was wrong: it will be replaced by a corrected claim from the same visits.</summary>
    public void Replace(string reason, Guid by, DateTimeOffset at)
    {
        if (PayerClaimControlNumber is null)
        {
            throw new DomainRuleException("not-adjudicated", "Only a claim the payer has adjudicated (with its control number from the 835) is replaced by a corrected claim.");
        }

        MoveTo(ClaimStatus.Replaced, by, at, Required(reason, "correcting"));
    }

    /// <summary>Posts one remittance's adjudication: line postings were added by the caller; the totals and status follow from them.</summary>
    /// <param name="reversal">CLP02 22: the amounts are negative and undo an earlier payment; the claim waits for the payer's new decision.</param>
    public void Remitted(string? payerControlNumber, decimal paid, decimal patientResponsibility, bool claimDenied, DateTimeOffset at, bool reversal = false)
    {
        PaidCents += Cents.From(paid);
        PatientResponsibilityCents += Cents.From(patientResponsibility);
        AdjustedCents = Lines.Sum(l => l.Adjustments.Where(a => a.Group != "PR").Sum(a => Cents.From(a.Amount)));
        OutstandingCents = TotalChargeCents - PaidCents - PatientResponsibilityCents - AdjustedCents;
        PayerClaimControlNumber = payerControlNumber ?? PayerClaimControlNumber;
        RemittedAt = at;
        if (reversal)
        {
            MoveTo(ClaimStatus.Submitted, null, at, "The payer reversed its earlier payment (835); its new decision is awaited.");
            return;
        }

        var outcome = claimDenied || Lines.All(l => l.Denied) ? ClaimStatus.Denied
            : Lines.Any(l => l.Denied) ? ClaimStatus.PartlyPaid
            : ClaimStatus.Paid;
        MoveTo(outcome, null, at, claimDenied ? "Denied by the payer (835)." : "Adjudicated by the payer (835).");
    }

    private void MoveTo(ClaimStatus to, Guid? by, DateTimeOffset at, string? reason)
    {
        if (!CanMove(Status, to))
        {
            throw new DomainRuleException("invalid-transition", $"A claim that is {Status} cannot become {to}.");
        }

        StatusChanges = [.. StatusChanges, new ClaimStatusChange(at, by, Status, to, reason)];
        Status = to;
    }

    private static string Required(string? reason, string doing) => string.IsNullOrWhiteSpace(reason)
        ? throw new DomainRuleException("reason-required", $"Give the reason for {doing} this claim.", StatusCodes.Status422UnprocessableEntity)
        : reason.Trim();
}

public sealed record ClaimStatusChange(DateTimeOffset At, Guid? ById, ClaimStatus From, ClaimStatus To, string? Reason);

/// <summary>One service line (2400 loop) and what the payer did with it.</summary>
public sealed record ClaimLine(int LineNumber, Guid VisitCodingId, DateOnly ServiceDate, string Code, IReadOnlyList<string> Modifiers,
    int Units, decimal Charge, IReadOnlyList<int> DiagnosisPointers)
{
    public decimal Paid { get; init; }
    public decimal? Allowed { get; init; }
    public IReadOnlyList<LineAdjustment> Adjustments { get; init; } = [];
    public IReadOnlyList<string> Remarks { get; init; } = [];

    /// <summary>Adjudicated with nothing paid and nothing left to the patient: the payer refused the line.</summary>
    public bool Denied { get; init; }

    /// <summary>REF*6R line item control number: the claim number and line, returned by the payer in the 835.</summary>
    public string ControlNumber(string claimNumber) => $"{claimNumber}-{LineNumber}";
}

/// <summary>A CAS adjustment: group (CO/PR/OA/PI), CARC, amount and quantity.</summary>
public sealed record LineAdjustment(string Group, string Reason, decimal Amount, decimal? Quantity);
