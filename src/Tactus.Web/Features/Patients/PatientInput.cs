using System.ComponentModel.DataAnnotations;

namespace Tactus.Web.Features.Patients;

/// <summary>The demographics a person or client may set; shared by the form and the JSON API.</summary>
public class PatientInput : IValidatableObject
{
    [Required(ErrorMessage = "Enter the given (first) name.")]
    [StringLength(PatientLimits.Name, ErrorMessage = "The given name can be at most {1} characters.")]
    [Display(Name = "Given name")]
    public string? GivenName { get; set; }

    [Required(ErrorMessage = "Enter the family (last) name.")]
    [StringLength(PatientLimits.Name, ErrorMessage = "The family name can be at most {1} characters.")]
    [Display(Name = "Family name")]
    public string? FamilyName { get; set; }

    [Required(ErrorMessage = "Enter the date of birth.")]
    [Display(Name = "Date of birth")]
    [DataType(DataType.Date)]
    [PlausibleBirthDate]
    public DateOnly? BirthDate { get; set; }

    [Display(Name = "Sex (administrative)")]
    public AdministrativeSex Sex { get; set; } = AdministrativeSex.Unknown;

    [Phone(ErrorMessage = "Enter a phone number such as (555) 123-4567.")]
    [StringLength(PatientLimits.Phone, ErrorMessage = "The phone number can be at most {1} characters.")]
    public string? Phone { get; set; }

    [EmailAddress(ErrorMessage = "Enter an email address such as name@example.org.")]
    [StringLength(PatientLimits.Email, ErrorMessage = "The email address can be at most {1} characters.")]
    public string? Email { get; set; }

    [StringLength(PatientLimits.AddressLine, ErrorMessage = "The address can be at most {1} characters.")]
    [Display(Name = "Street address")]
    public string? AddressLine { get; set; }

    [StringLength(PatientLimits.City, ErrorMessage = "The city can be at most {1} characters.")]
    public string? City { get; set; }

    [RegularExpression("^[A-Za-z]{2}$", ErrorMessage = "Enter the two-letter state code, such as OR.")]
    public string? State { get; set; }

    [RegularExpression(@"^\d{5}(-\d{4})?$", ErrorMessage = "Enter a ZIP code of 5 digits, or 5+4 such as 97201-1234.")]
    [Display(Name = "ZIP code")]
    public string? PostalCode { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Sex))
        {
            yield return new ValidationResult("Choose female, male, other or unknown.", [nameof(Sex)]);
        }
    }

    public static PatientInput From(Patient patient) => Fill(new PatientInput(), patient);

    protected static T Fill<T>(T input, Patient patient)
        where T : PatientInput
    {
        input.GivenName = patient.GivenName;
        input.FamilyName = patient.FamilyName;
        input.BirthDate = patient.BirthDate;
        input.Sex = patient.Sex;
        input.Phone = patient.Phone;
        input.Email = patient.Email;
        input.AddressLine = patient.AddressLine;
        input.City = patient.City;
        input.State = patient.State;
        input.PostalCode = patient.PostalCode;
        return input;
    }

    internal void ApplyTo(Patient patient)
    {
        patient.GivenName = GivenName!.Trim();
        patient.FamilyName = FamilyName!.Trim();
        patient.BirthDate = BirthDate!.Value;
        patient.Sex = Sex;
        patient.Phone = Clean(Phone);
        patient.Email = Clean(Email);
        patient.AddressLine = Clean(AddressLine);
        patient.City = Clean(City);
        patient.State = Clean(State)?.ToUpperInvariant();
        patient.PostalCode = Clean(PostalCode);
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A new patient: registering someone with the same name and birth date as an existing patient needs confirming.</summary>
public sealed class NewPatientInput : PatientInput
{
    /// <summary>The person registering has checked the possible duplicates and this is a different person.</summary>
    public bool ConfirmNotDuplicate { get; set; }

    /// <summary>The registering EHR's identifier for the patient (FHIR create only; neither the form nor /api sets it).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public (string System, string Value)? ExternalIdentifier { get; set; }
}

/// <summary>An edit carries the version it was based on, so a stale edit is refused, not merged.</summary>
public sealed class PatientUpdate : PatientInput
{
    [Required(ErrorMessage = "The version of the record being edited is required.")]
    [Range(1, int.MaxValue, ErrorMessage = "The version must be a positive number.")]
    public int? Version { get; set; }

    public static PatientUpdate ForEdit(Patient patient)
    {
        var update = Fill(new PatientUpdate(), patient);
        update.Version = patient.Version;
        return update;
    }
}
