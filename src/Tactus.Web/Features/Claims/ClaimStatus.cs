namespace Tactus.Web.Features.Claims;

/// <summary>A claim's life (issue 05 §3). Held claims carry their reasons; paid/denied come from remittances.</summary>
public enum ClaimStatus
{
    Ready,
    Held,
    Submitted,
    Accepted,
    Paid,
    PartlyPaid,
    Denied,
    Appealed,
    WrittenOff,

    /// <summary>Superseded by a corrected claim (frequency 7) that carries the payer's control number of this one.</summary>
    Replaced,
}
