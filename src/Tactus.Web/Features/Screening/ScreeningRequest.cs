using System.ComponentModel.DataAnnotations;

namespace Tactus.Web.Features.Screening;

/// <summary>POST /api/screening/evaluate: intake answers, ICD-10-CM codes and medications in.</summary>
public sealed class ScreeningRequest
{
    [Required]
    public IntakeAnswers? Answers { get; set; } = new();

    [MaxLength(50, ErrorMessage = "At most 50 diagnoses.")]
    public List<string> Diagnoses { get; set; } = [];

    [MaxLength(100, ErrorMessage = "At most 100 medications.")]
    public List<string> Medications { get; set; } = [];

    /// <summary>The day the screening is for (defaults to today); decides what counts as recent surgery.</summary>
    public DateOnly? AsOf { get; set; }
}
