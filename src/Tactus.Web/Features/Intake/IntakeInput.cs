using System.ComponentModel.DataAnnotations;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Intake;

/// <summary>An intake from the form or the API.</summary>
public sealed class IntakeInput : IValidatableObject
{
    [Required]
    public IntakeAnswers Answers { get; set; } = new();

    [MaxLength(100, ErrorMessage = "At most 100 medications.")]
    public List<string> Medications { get; set; } = [];

    [StringLength(2000)]
    [Display(Name = "Other conditions")]
    public string? OtherConditions { get; set; }

    [StringLength(1000)]
    public string? Allergies { get; set; }

    [Display(Name = "Allergic to oils, lotions or nuts used in them")]
    public bool LubricantAllergy { get; set; }

    [StringLength(1000)]
    [Display(Name = "Implanted devices (pacemaker, pump, port…)")]
    public string? ImplantedDevices { get; set; }

    [Required]
    public IntakePreferences Preferences { get; set; } = new();

    [Display(Name = "The patient consents to massage treatment")]
    public bool ConsentToTreatment { get; set; }

    [StringLength(200)]
    [Display(Name = "Consent given by")]
    public string? ConsentGivenBy { get; set; } = "patient";

    [Display(Name = "The patient consents to de-identified use of their data for quality and research")]
    public bool ConsentToDataUse { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!ConsentToTreatment)
        {
            yield return new ValidationResult("Treatment needs the patient's consent (or their representative's).", [nameof(ConsentToTreatment)]);
        }
        else if (string.IsNullOrWhiteSpace(ConsentGivenBy))
        {
            yield return new ValidationResult("Say who gave consent: the patient or the name of their representative.", [nameof(ConsentGivenBy)]);
        }

        if (Preferences.Pressure is < 1 or > 5)
        {
            yield return new ValidationResult("Preferred pressure is on a scale of 1 (touch only) to 5 (deep).", ["Preferences.Pressure"]);
        }

        if (Medications.Any(m => m is null || m.Length > 200))
        {
            yield return new ValidationResult("Each medication is at most 200 characters.", [nameof(Medications)]);
        }
    }
}
