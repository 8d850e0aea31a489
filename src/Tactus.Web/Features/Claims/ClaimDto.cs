namespace Tactus.Web.Features.Claims;

/// <summary>
/// A claim as the API answers it: what a biller or a clearinghouse integration works with, in dollars and cents. Not
/// the entity: its storage (cents columns, the organisation it belongs to) is not part of the contract.
/// </summary>
public sealed record ClaimDto(Guid Id, string ClaimNumber, ClaimStatus Status, Guid PatientId, Guid CoverageId, Guid PayerId,
    IReadOnlyList<string> HoldReasons, IReadOnlyList<ClaimLine> Lines, IReadOnlyList<string> Diagnoses, IReadOnlyList<Guid> VisitCodingIds,
    Guid RenderingTherapistId, Guid? ReferringClinicianId, string? AuthorizationNumber, Guid? ReplacesClaimId, string? ReplacesPayerControlNumber,
    Guid? PrimaryClaimId, string FrequencyCode, string PlaceOfService, DateOnly FromDate, DateOnly ToDate, decimal TotalCharge, decimal Paid,
    decimal PatientResponsibility, decimal Adjusted, decimal Outstanding, string? PayerClaimControlNumber, DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt, DateTimeOffset? RemittedAt, Guid? BatchId, IReadOnlyList<ClaimStatusChange> StatusChanges)
{
    public static ClaimDto From(Claim c) => new(c.Id, c.ClaimNumber, c.Status, c.PatientId, c.CoverageId, c.PayerId, c.HoldReasons, c.Lines, c.Diagnoses,
        c.VisitCodingIds, c.RenderingTherapistId, c.ReferringClinicianId, c.AuthorizationNumber, c.ReplacesClaimId, c.ReplacesPayerControlNumber,
        c.PrimaryClaimId, c.FrequencyCode, c.PlaceOfService, c.FromDate, c.ToDate, c.TotalCharge, c.Paid, c.PatientResponsibility,
        Cents.ToAmount(c.AdjustedCents), c.Outstanding, c.PayerClaimControlNumber, c.CreatedAt, c.SubmittedAt, c.RemittedAt, c.BatchId, c.StatusChanges);
}
