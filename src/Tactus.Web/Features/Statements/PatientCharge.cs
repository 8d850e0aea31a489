using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Statements;

/// <summary>
/// Something the patient owes: a self-pay visit at the fee schedule, or their share of a claim as the payer set it
/// (co-insurance, deductible, co-pay: the 835's CLP05). One row per source; a later adjudication adds a row.
/// </summary>
public sealed class PatientCharge : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public DateOnly ServiceDate { get; init; }
    public required string Description { get; init; }
    public decimal Amount { get; set; }
    public Guid? ClaimId { get; init; }
    public Guid? VisitCodingId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}

/// <summary>A payment the patient made, recorded by a biller against their statement.</summary>
public sealed class PatientPayment : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public decimal Amount { get; init; }
    public DateOnly ReceivedOn { get; init; }
    public required string Method { get; init; }
    public string? Reference { get; init; }
    public Guid RecordedById { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
}

public static class PaymentMethods
{
    public static readonly IReadOnlyList<string> All = ["card", "cash", "cheque", "bank transfer", "other"];
}
