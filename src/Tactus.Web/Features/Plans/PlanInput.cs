using System.ComponentModel.DataAnnotations;

namespace Tactus.Web.Features.Plans;

public sealed class PlanInput
{
    [MinLength(1, ErrorMessage = "Give at least one measurable goal.")]
    [MaxLength(6, ErrorMessage = "At most 6 goals.")]
    public List<GoalInput> Goals { get; set; } = [];

    [Range(1, 5, ErrorMessage = "Sessions a week must be between {1} and {2}.")]
    [Display(Name = "Sessions a week")]
    public int SessionsPerWeek { get; set; } = 1;

    [Range(1, 26, ErrorMessage = "Weeks must be between {1} and {2}.")]
    public int Weeks { get; set; } = 8;

    [MinLength(1, ErrorMessage = "Choose at least one technique.")]
    public List<string> Techniques { get; set; } = [];

    [StringLength(64)]
    public string? ProtocolId { get; set; }

    [MaxLength(8, ErrorMessage = "At most 8 scheduled questionnaires.")]
    public List<MeasureInput> Measures { get; set; } = [];

    [Range(0, 52, ErrorMessage = "Progress report every … visits must be between {1} and {2} (0 for none).")]
    [Display(Name = "Progress report every … visits")]
    public int ReportEveryVisits { get; set; } = 4;

    [Range(0, 365, ErrorMessage = "Progress report every … days must be between {1} and {2} (0 for none).")]
    [Display(Name = "or every … days")]
    public int ReportEveryDays { get; set; } = 30;
}

public sealed class MeasureInput
{
    [StringLength(16)]
    public string? Instrument { get; set; }

    public bool AtBaseline { get; set; } = true;

    [Range(0, 52, ErrorMessage = "Every … visits must be between {1} and {2} (0 for none).")]
    public int EveryVisits { get; set; }

    public bool AtDischarge { get; set; } = true;
}

public sealed class GoalInput : IValidatableObject
{
    [StringLength(500, ErrorMessage = "A goal can be at most {1} characters.")]
    public string? Description { get; set; }

    [StringLength(32)]
    public string? Instrument { get; set; }

    [StringLength(64)]
    public string? Target { get; set; }

    public DateOnly? TargetDate { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Description))
        {
            yield return new ValidationResult("Each goal needs a description.", [nameof(Description)]);
        }

        if (string.IsNullOrWhiteSpace(Instrument) != string.IsNullOrWhiteSpace(Target))
        {
            yield return new ValidationResult("A goal on an instrument needs both the instrument and the target (for example NPRS and ≤ 3).", [nameof(Target)]);
        }

        if (string.IsNullOrWhiteSpace(Instrument) && TargetDate is null)
        {
            yield return new ValidationResult("A functional goal in words needs a date to be reached by.", [nameof(TargetDate)]);
        }
    }
}
