using System.ComponentModel.DataAnnotations;

namespace Tactus.Web.Features.Screening;

/// <summary>
/// The structured health-history answers the contraindication rules read. Region lists hold
/// body-chart region ids (Reference/Clinical/body-regions.json).
/// </summary>
public sealed class IntakeAnswers
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
    };

    public IEnumerable<string> AllRegions() =>
        ToFacts().Values.OfType<List<string>>().SelectMany(r => r);
}
