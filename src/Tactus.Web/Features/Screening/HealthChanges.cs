using System.ComponentModel.DataAnnotations;

namespace Tactus.Web.Features.Screening;

/// <summary>
/// What changed since the last visit, asked at every check-in and screened with the rest of the record
/// (PRODUCT.md step 4: "health changes → re-screen"; clinical reference §4). Today's state (fever, a
/// limb that is newly swollen, red, warm or painful) counts for this visit only; what lasts (medicines,
/// surgery, diagnoses, a fall, skin changes, pregnancy) is added to the health history.
/// </summary>
public sealed class HealthChanges : IValidatableObject
{
    [Display(Name = "Fever or an acute illness today")]
    public bool FeverOrAcuteIllness { get; set; }

    /// <summary>New or worsening swelling, redness, warmth or pain in a limb: a possible clot until shown otherwise.</summary>
    [Display(Name = "New or worsening swelling, redness, warmth or pain in a limb")]
    public bool LimbSymptoms { get; set; }

    public List<string> LimbSymptomRegions { get; set; } = [];

    [MaxLength(20, ErrorMessage = "At most 20 new medications.")]
    public List<string> NewMedications { get; set; } = [];

    [Display(Name = "Surgery or a procedure since the last visit")]
    public bool SurgeryOrProcedure { get; set; }

    public DateOnly? SurgeryDate { get; set; }
    public List<string> SurgeryRegions { get; set; } = [];

    [MaxLength(10, ErrorMessage = "At most 10 new diagnoses.")]
    public List<string> NewDiagnoses { get; set; } = [];

    [Display(Name = "A fall since the last visit")]
    public bool Fall { get; set; }

    public List<string> FallInjuryRegions { get; set; } = [];

    /// <summary>New rashes, wounds, bruising or lesions.</summary>
    public List<string> SkinChangeRegions { get; set; } = [];

    [Display(Name = "Newly pregnant")]
    public bool Pregnant { get; set; }

    public bool Any => FeverOrAcuteIllness || LimbSymptoms || LimbSymptomRegions.Count > 0 || NewMedications.Count > 0 || SurgeryOrProcedure
        || NewDiagnoses.Count > 0 || Fall || FallInjuryRegions.Count > 0 || SkinChangeRegions.Count > 0 || Pregnant;

    /// <summary>Whether anything here changes the health history (a new intake version), not only today.</summary>
    public bool ChangesHistory => NewMedications.Count > 0 || SurgeryOrProcedure || NewDiagnoses.Count > 0 || Fall || FallInjuryRegions.Count > 0
        || SkinChangeRegions.Count > 0 || Pregnant;

    public IEnumerable<string> AllRegions() => LimbSymptomRegions.Concat(SurgeryRegions).Concat(FallInjuryRegions).Concat(SkinChangeRegions);

    /// <summary>The history with what lasts added: a copy, the original is kept as history.</summary>
    public IntakeAnswers AddTo(IntakeAnswers history)
    {
        var answers = Copy(history);
        if (SurgeryOrProcedure && SurgeryDate is { } date && (answers.RecentSurgeryDate is null || date > answers.RecentSurgeryDate))
        {
            answers.RecentSurgeryDate = date;
            answers.SurgeryRegions = [.. SurgeryRegions];
        }

        if (Fall || FallInjuryRegions.Count > 0)
        {
            answers.RecentFall = true;
            answers.FallInjuryRegions = [.. answers.FallInjuryRegions.Union(FallInjuryRegions)];
        }

        answers.SkinLesionRegions = [.. answers.SkinLesionRegions.Union(SkinChangeRegions)];
        answers.Pregnant |= Pregnant;
        return answers;
    }

    /// <summary>Today's answers for screening this visit: the history plus today's state.</summary>
    public IntakeAnswers Today(IntakeAnswers history)
    {
        var answers = AddTo(history);
        answers.FeverOrAcuteInfection |= FeverOrAcuteIllness;
        answers.DvtSuspected |= LimbSymptoms || LimbSymptomRegions.Count > 0;
        return answers;
    }

    /// <summary>The changes in words, for the note and the visit page.</summary>
    public IReadOnlyList<string> Describe(Func<string, string> regionLabel)
    {
        string At(List<string> regions) => regions.Count == 0 ? "" : $" ({string.Join(", ", regions.Select(regionLabel))})";
        var said = new List<string>();
        if (FeverOrAcuteIllness) { said.Add("fever or acute illness"); }
        if (LimbSymptoms || LimbSymptomRegions.Count > 0) { said.Add("new or worsening limb swelling, redness, warmth or pain" + At(LimbSymptomRegions)); }
        if (NewMedications.Count > 0) { said.Add("new medications: " + string.Join(", ", NewMedications)); }
        if (SurgeryOrProcedure) { said.Add($"surgery or procedure on {SurgeryDate:yyyy-MM-dd}" + At(SurgeryRegions)); }
        if (NewDiagnoses.Count > 0) { said.Add("new diagnoses: " + string.Join(", ", NewDiagnoses)); }
        if (Fall || FallInjuryRegions.Count > 0) { said.Add("a fall" + At(FallInjuryRegions)); }
        if (SkinChangeRegions.Count > 0) { said.Add("skin changes" + At(SkinChangeRegions)); }
        if (Pregnant) { said.Add("newly pregnant"); }
        return said;
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SurgeryOrProcedure && SurgeryDate is null)
        {
            yield return new ValidationResult("Give the date of the surgery or procedure (it decides whether clearance is needed).", [nameof(SurgeryDate)]);
        }

        if (!SurgeryOrProcedure && (SurgeryDate is not null || SurgeryRegions.Count > 0))
        {
            yield return new ValidationResult("A surgery date or site is given but surgery is not marked: mark it, or clear the date and site.", [nameof(SurgeryOrProcedure)]);
        }

        if (NewDiagnoses.Where(d => !Icd10Format.IsWellFormed(d)).ToList() is { Count: > 0 } malformed)
        {
            yield return new ValidationResult($"Not ICD-10-CM codes: {string.Join(", ", malformed)}.", [nameof(NewDiagnoses)]);
        }

        if (NewMedications.Any(m => string.IsNullOrWhiteSpace(m) || m.Length > 200))
        {
            yield return new ValidationResult("Each new medication is a name of 1 to 200 characters.", [nameof(NewMedications)]);
        }
    }

    private static IntakeAnswers Copy(IntakeAnswers answers) =>
        System.Text.Json.JsonSerializer.Deserialize<IntakeAnswers>(System.Text.Json.JsonSerializer.Serialize(answers))!;
}
