using System.ComponentModel.DataAnnotations;

namespace Tactus.Web.Features.Referrals;

/// <summary>A new referral, from the form or the API.</summary>
public sealed class NewReferral
{
    [Required(ErrorMessage = "Choose the patient.")]
    [Display(Name = "Patient")]
    public Guid? PatientId { get; set; }

    /// <summary>Required when someone other than the clinician enters the referral on their behalf.</summary>
    [Display(Name = "Referring clinician")]
    public Guid? ReferringClinicianId { get; set; }

    [MinLength(1, ErrorMessage = "Give at least one diagnosis.")]
    [MaxLength(ReferralLimits.MaxDiagnoses, ErrorMessage = "Give at most 4 diagnoses.")]
    public List<string> Diagnoses { get; set; } = [];

    [Required(ErrorMessage = "Say why you are referring.")]
    [StringLength(ReferralLimits.Text, ErrorMessage = "The reason can be at most {1} characters.")]
    [Display(Name = "Reason for referral")]
    public string? Reason { get; set; }

    [StringLength(ReferralLimits.Text, ErrorMessage = "The goals can be at most {1} characters.")]
    public string? Goals { get; set; }

    [StringLength(ReferralLimits.Text, ErrorMessage = "The precautions can be at most {1} characters.")]
    public string? Precautions { get; set; }

    [Range(1, ReferralLimits.MaxVisits, ErrorMessage = "Visits requested must be between {1} and {2}.")]
    [Display(Name = "Visits requested")]
    public int VisitsRequested { get; set; } = 8;

    public ReferralUrgency Urgency { get; set; } = ReferralUrgency.Routine;

    /// <summary>The referring system's identifier of the order (FHIR only; the form has none).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public (string System, string Value)? ExternalIdentifier { get; set; }

    /// <summary>Send it to the programme now; otherwise it stays a draft.</summary>
    [Display(Name = "Send to the massage programme now")]
    public bool SendNow { get; set; } = true;
}

/// <summary>A transition that needs a reason: decline, hold, cancel.</summary>
public sealed class ReferralReason
{
    [Required(ErrorMessage = "Give a reason.")]
    [StringLength(ReferralLimits.Reason, ErrorMessage = "The reason can be at most {1} characters.")]
    public string? Reason { get; set; }
}

public sealed class ReferralAssignment
{
    [Required(ErrorMessage = "Choose a therapist.")]
    [Display(Name = "Therapist")]
    public Guid? TherapistId { get; set; }
}
