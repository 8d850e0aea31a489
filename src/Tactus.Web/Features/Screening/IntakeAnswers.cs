using System.ComponentModel.DataAnnotations;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Screening;

/// <summary>
/// The structured health-history answers the contraindication rules read. Region lists hold
/// body-chart region ids (Reference/Clinical/body-regions.json). Answers that contradict each other or
/// name a risk without what the rule needs to act on it are refused, naming what is missing.
/// </summary>
[PureEngine]
public sealed class IntakeAnswers : IValidatableObject
{
    public bool FeverOrAcuteInfection { get; set; }
    public bool DvtSuspected { get; set; }
    public bool DvtHistory { get; set; }
    public List<string> DvtAffectedRegions { get; set; } = [];
    public bool BleedingDisorder { get; set; }
    public bool LowPlateletCount { get; set; }
    public DateOnly? RecentSurgeryDate { get; set; }
    public List<string> SurgeryRegions { get; set; } = [];
    public bool ActiveCancer { get; set; }
    public bool UndergoingCancerTreatment { get; set; }
    public List<string> BoneMetastasisRegions { get; set; } = [];
    public List<string> RadiationRegions { get; set; } = [];
    public List<string> FractureRegions { get; set; } = [];
    public bool Osteoporosis { get; set; }
    public List<string> SkinLesionRegions { get; set; } = [];
    public bool ContagiousSkinCondition { get; set; }
    public bool Pregnant { get; set; }
    public bool HighRiskPregnancy { get; set; }

    [Range(40, 300, ErrorMessage = "Systolic blood pressure must be between 40 and 300 mmHg.")]
    public int? SystolicBp { get; set; }

    [Range(20, 200, ErrorMessage = "Diastolic blood pressure must be between 20 and 200 mmHg.")]
    public int? DiastolicBp { get; set; }

    public bool UncontrolledHypertension { get; set; }
    public List<string> LymphedemaRegions { get; set; } = [];
    public bool LimbInfection { get; set; }
    public bool ImpairedCapacity { get; set; }
    public bool PeripheralNeuropathy { get; set; }
    public List<string> AcuteInjuryRegions { get; set; } = [];
    public List<string> VascularCautionRegions { get; set; } = [];
    public bool UnstableCardiacOrFluidOverload { get; set; }

    /// <summary>A fall since the last visit (asked at check-in) or in the last month (intake).</summary>
    public bool RecentFall { get; set; }

    public List<string> FallInjuryRegions { get; set; } = [];

    /// <summary>Facts by the names the rule files use (camelCase property names).</summary>
    public IReadOnlyDictionary<string, object?> ToFacts() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["feverOrAcuteInfection"] = FeverOrAcuteInfection,
        ["dvtSuspected"] = DvtSuspected,
        ["dvtHistory"] = DvtHistory,
        ["dvtAffectedRegions"] = DvtAffectedRegions,
        ["bleedingDisorder"] = BleedingDisorder,
        ["lowPlateletCount"] = LowPlateletCount,
        ["recentSurgeryDate"] = RecentSurgeryDate,
        ["surgeryRegions"] = SurgeryRegions,
        ["activeCancer"] = ActiveCancer,
        ["undergoingCancerTreatment"] = UndergoingCancerTreatment,
        ["boneMetastasisRegions"] = BoneMetastasisRegions,
        ["radiationRegions"] = RadiationRegions,
        ["fractureRegions"] = FractureRegions,
        ["osteoporosis"] = Osteoporosis,
        ["skinLesionRegions"] = SkinLesionRegions,
        ["contagiousSkinCondition"] = ContagiousSkinCondition,
        ["pregnant"] = Pregnant,
        ["highRiskPregnancy"] = HighRiskPregnancy,
        ["systolicBp"] = SystolicBp,
        ["diastolicBp"] = DiastolicBp,
        ["uncontrolledHypertension"] = UncontrolledHypertension,
        ["lymphedemaRegions"] = LymphedemaRegions,
        ["limbInfection"] = LimbInfection,
        ["impairedCapacity"] = ImpairedCapacity,
        ["peripheralNeuropathy"] = PeripheralNeuropathy,
        ["acuteInjuryRegions"] = AcuteInjuryRegions,
        ["vascularCautionRegions"] = VascularCautionRegions,
        ["unstableCardiacOrFluidOverload"] = UnstableCardiacOrFluidOverload,
        ["recentFall"] = RecentFall,
        ["fallInjuryRegions"] = FallInjuryRegions,
    };

    /// <summary>How each fact reads in a finding's reasons.</summary>
    public static readonly IReadOnlyDictionary<string, string> FactLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["feverOrAcuteInfection"] = "fever or acute infection",
        ["dvtSuspected"] = "signs of a possible blood clot",
        ["dvtHistory"] = "history of deep vein thrombosis",
        ["dvtAffectedRegions"] = "limb affected by the DVT",
        ["bleedingDisorder"] = "bleeding disorder",
        ["lowPlateletCount"] = "low platelet count",
        ["recentSurgeryDate"] = "surgery on",
        ["surgeryRegions"] = "surgical site",
        ["activeCancer"] = "active cancer",
        ["undergoingCancerTreatment"] = "cancer treatment now",
        ["boneMetastasisRegions"] = "bone metastases",
        ["radiationRegions"] = "radiation field",
        ["fractureRegions"] = "unhealed fracture",
        ["osteoporosis"] = "osteoporosis",
        ["skinLesionRegions"] = "wound, rash or lesion",
        ["contagiousSkinCondition"] = "contagious skin condition",
        ["pregnant"] = "pregnancy",
        ["highRiskPregnancy"] = "high-risk pregnancy",
        ["systolicBp"] = "systolic blood pressure",
        ["diastolicBp"] = "diastolic blood pressure",
        ["uncontrolledHypertension"] = "uncontrolled high blood pressure",
        ["lymphedemaRegions"] = "lymphedema or nodes removed",
        ["limbInfection"] = "infection in a lymphedematous limb",
        ["impairedCapacity"] = "impaired capacity to consent",
        ["peripheralNeuropathy"] = "reduced sensation",
        ["acuteInjuryRegions"] = "injury in the last 72 hours",
        ["vascularCautionRegions"] = "aneurysm or varicose veins",
        ["unstableCardiacOrFluidOverload"] = "unstable heart disease or fluid overload",
        ["recentFall"] = "a recent fall",
        ["fallInjuryRegions"] = "area hurt in a fall",
    };

    public IEnumerable<string> AllRegions() =>
        ToFacts().Values.OfType<List<string>>().SelectMany(r => r);

    /// <summary>
    /// Contradictory or incomplete answers, each naming the answer that is missing. A rule that would need
    /// the missing answer to act (which limb to avoid, whether surgery was recent) cannot take a safer
    /// reading on its own, so the answers are refused until they are complete.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HighRiskPregnancy && !Pregnant)
        {
            yield return new ValidationResult("High-risk pregnancy is marked but pregnancy is not: mark the patient as pregnant, or clear the high-risk answer.",
                [nameof(Pregnant)]);
        }

        if (LimbInfection && LymphedemaRegions is not { Count: > 0 })
        {
            yield return new ValidationResult("An infection in a limb with lymphedema is marked but no limb is named: choose it under lymphedema.",
                [nameof(LymphedemaRegions)]);
        }

        if (SurgeryRegions is { Count: > 0 } && RecentSurgeryDate is null)
        {
            yield return new ValidationResult("A surgical site is named without the date of the surgery: give the date (it decides whether clearance is needed).",
                [nameof(RecentSurgeryDate)]);
        }

        if (DvtHistory && DvtAffectedRegions is not { Count: > 0 })
        {
            yield return new ValidationResult("A history of deep vein thrombosis is marked without the limb it was in: choose the limb, so it is avoided.",
                [nameof(DvtAffectedRegions)]);
        }

        if (SystolicBp is { } systolic && DiastolicBp is { } diastolic && diastolic >= systolic)
        {
            yield return new ValidationResult("Diastolic blood pressure must be lower than systolic: check the reading.", [nameof(DiastolicBp)]);
        }
    }
}
