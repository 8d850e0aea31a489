using Tactus.Web.Features.Claims;

namespace Tactus.Web.Features.Remittance;

/// <summary>
/// One payment of an 835 (one ST/SE transaction set): the payment, and per claim and service line what the payer paid
/// and why it adjusted. A payment is identified by its payer and trace number together (TRN03 and TRN02).
/// </summary>
/// <param name="PayerIdentifier">TRN03: the payer's identifier ("1" and its tax id); trace numbers are unique only per payer.</param>
/// <param name="TransactionSetControl">ST02, to name the payment in messages.</param>
public sealed record Remittance835(decimal PaymentAmount, string PaymentMethod, DateOnly? PaymentDate, string TraceNumber, string PayerName,
    IReadOnlyList<ClaimPayment> Claims, decimal ProviderAdjustments, string PayerIdentifier = "", string TransactionSetControl = "");

/// <param name="StatusCode">CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19–21 processed and forwarded, 22 reversal.</param>
public sealed record ClaimPayment(string ClaimNumber, string StatusCode, decimal Charge, decimal Paid, decimal PatientResponsibility, string? PayerControlNumber,
    IReadOnlyList<LineAdjustment> Adjustments, IReadOnlyList<ServicePayment> Services, string? PatientName = null)
{
    public bool Denied => StatusCode == "4";

    /// <summary>CLP02 22: a reversal of an earlier payment, with negative amounts.</summary>
    public bool Reversal => StatusCode == "22";
}

public sealed record ServicePayment(string Code, IReadOnlyList<string> Modifiers, decimal Charge, decimal Paid, decimal Units, DateOnly? ServiceDate,
    string? ControlNumber, decimal? Allowed, IReadOnlyList<LineAdjustment> Adjustments, IReadOnlyList<string> Remarks);
