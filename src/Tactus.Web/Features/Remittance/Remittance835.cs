using Tactus.Web.Features.Claims;

namespace Tactus.Web.Features.Remittance;

/// <summary>An 835 as read: the payment, and per claim and service line what the payer paid and why it adjusted.</summary>
public sealed record Remittance835(decimal PaymentAmount, string PaymentMethod, DateOnly? PaymentDate, string TraceNumber, string PayerName,
    IReadOnlyList<ClaimPayment> Claims, decimal ProviderAdjustments);

/// <param name="StatusCode">CLP02: 1/2/3 processed as primary/secondary/tertiary, 4 denied, 19–21 processed and forwarded, 22 reversal.</param>
public sealed record ClaimPayment(string ClaimNumber, string StatusCode, decimal Charge, decimal Paid, decimal PatientResponsibility, string? PayerControlNumber,
    IReadOnlyList<LineAdjustment> Adjustments, IReadOnlyList<ServicePayment> Services)
{
    public bool Denied => StatusCode == "4";

    /// <summary>CLP02 22: a reversal of an earlier payment, with negative amounts.</summary>
    public bool Reversal => StatusCode == "22";
}

public sealed record ServicePayment(string Code, IReadOnlyList<string> Modifiers, decimal Charge, decimal Paid, decimal Units, DateOnly? ServiceDate,
    string? ControlNumber, decimal? Allowed, IReadOnlyList<LineAdjustment> Adjustments, IReadOnlyList<string> Remarks);
