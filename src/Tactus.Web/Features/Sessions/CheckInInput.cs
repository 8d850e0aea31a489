using System.ComponentModel.DataAnnotations;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Sessions;

/// <summary>A check-in from the form or the API (POST /api/referrals/{id}/sessions).</summary>
public sealed class CheckInInput
{
    [Required(ErrorMessage = "Record pain now, from 0 to 10.")]
    [Range(0, 10, ErrorMessage = "Pain is on a 0-10 scale.")]
    public int? PainBefore { get; set; }

    [Required(ErrorMessage = "Record stress now, from 0 to 10.")]
    [Range(0, 10, ErrorMessage = "Stress is on a 0-10 scale.")]
    public int? StressBefore { get; set; }

    /// <summary>What changed since the last visit; screened with the rest of the record.</summary>
    [Required]
    public HealthChanges Changes { get; set; } = new();

    /// <summary>Anything else the patient said, as a note (screening reads the structured answers, not this).</summary>
    [StringLength(2000)]
    public string? Note { get; set; }

    [StringLength(500)]
    public string? AuthorizationOverride { get; set; }

    /// <summary>
    /// Check-in is idempotent per referral and day (a double click or Back returns today's visit); a second
    /// visit the same day is started only on purpose.
    /// </summary>
    public bool AnotherVisit { get; set; }
}
