using Tactus.Web.Features.Screening;

namespace Tactus.Tests.Features.Screening;

/// <summary>
/// Every rule of reference/clinical.md §4 fires on its finding and stays silent on a near miss, and
/// the findings add up to what the therapist must do.
/// </summary>
public sealed class ContraindicationEngineTests
{
    private static readonly ClinicalReference Reference = new();
    private static readonly ContraindicationEngine Engine = new(Reference);
    private static readonly DateOnly Today = new(2026, 11, 27);

    public sealed record Case(string Name, Action<IntakeAnswers> Answer, string[] Diagnoses, string[] Medications)
    {
        public override string ToString() => Name;
    }

    private static Case C(string name, Action<IntakeAnswers>? answer = null, string[]? dx = null, string[]? meds = null) =>
        new(name, answer ?? (_ => { }), dx ?? [], meds ?? []);

    /// <summary>(rule, input that must fire it).</summary>
    public static TheoryData<string, Case> Fires => new()
    {
        { "dvt-suspected", C("calf pain and swelling", a => a.DvtSuspected = true) },
        { "dvt-suspected", C("acute DVT code", dx: ["I82.401"]) },
        { "dvt-history", C("past DVT in the left calf, no anticoagulant", a => { a.DvtHistory = true; a.DvtAffectedRegions = ["calf-left"]; }) },
        { "dvt-history", C("history-of-DVT code", dx: ["Z86.718"]) },
        { "recent-fall", C("fall onto the right hip", a => { a.RecentFall = true; a.FallInjuryRegions = ["hip-right"]; }) },
        { "dvt-anticoagulated", C("DVT history on warfarin", a => { a.DvtHistory = true; a.DvtAffectedRegions = ["calf-left"]; }, meds: ["Warfarin 5 mg daily"]) },
        { "dvt-anticoagulated", C("Z86.718 on apixaban", dx: ["Z86.718"], meds: ["Eliquis 5mg BID"]) },
        { "bleeding-risk", C("warfarin", meds: ["warfarin"]) },
        { "bleeding-risk", C("clopidogrel", meds: ["Plavix 75 mg"]) },
        { "bleeding-risk", C("low-dose aspirin", meds: ["Aspirin 81 mg"]) },
        { "bleeding-risk", C("Z79.01", dx: ["Z79.01"]) },
        { "bleeding-risk", C("bleeding disorder", a => a.BleedingDisorder = true) },
        { "bleeding-risk", C("low platelets", a => a.LowPlateletCount = true) },
        { "recent-surgery", C("surgery 30 days ago", a => a.RecentSurgeryDate = Today.AddDays(-30)) },
        { "recent-surgery", C("surgery exactly 12 weeks ago", a => a.RecentSurgeryDate = Today.AddDays(-84)) },
        { "active-cancer", C("active cancer", a => a.ActiveCancer = true) },
        { "active-cancer", C("in chemotherapy", a => a.UndergoingCancerTreatment = true) },
        { "bone-metastases", C("C79.51", dx: ["C79.51"]) },
        { "bone-metastases", C("lesion regions", a => a.BoneMetastasisRegions = ["lower-back-left"]) },
        { "radiation-site", C("radiation field", a => a.RadiationRegions = ["chest-left"]) },
        { "fracture", C("fracture", a => a.FractureRegions = ["forearm-right"]) },
        { "osteoporosis", C("osteoporosis", a => a.Osteoporosis = true) },
        { "skin-lesion", C("rash", a => a.SkinLesionRegions = ["calf-left"]) },
        { "contagious-skin", C("impetigo", a => a.ContagiousSkinCondition = true) },
        { "fever-infection", C("fever", a => a.FeverOrAcuteInfection = true) },
        { "pregnancy", C("pregnant", a => a.Pregnant = true) },
        { "pregnancy-high-risk", C("pre-eclampsia", a => { a.Pregnant = true; a.HighRiskPregnancy = true; }) },
        { "uncontrolled-hypertension", C("systolic 180", a => a.SystolicBp = 180) },
        { "uncontrolled-hypertension", C("diastolic 110", a => a.DiastolicBp = 110) },
        { "uncontrolled-hypertension", C("reported uncontrolled", a => a.UncontrolledHypertension = true) },
        { "lymphedema", C("post-mastectomy lymphedema", dx: ["I97.2"]) },
        { "lymphedema", C("at-risk arm", a => a.LymphedemaRegions = ["upper-arm-left"]) },
        { "lymphedema-infection", C("cellulitis in lymphedematous limb", a => a.LimbInfection = true, dx: ["I89.0"]) },
        { "consent-capacity", C("dementia", a => a.ImpairedCapacity = true) },
        { "neuropathy", C("diabetic neuropathy", a => a.PeripheralNeuropathy = true) },
        { "acute-injury", C("sprain yesterday", a => a.AcuteInjuryRegions = ["knee-right"]) },
        { "vascular-caution", C("varicose veins", a => a.VascularCautionRegions = ["calf-right"]) },
        { "cardiac-fluid-overload", C("heart failure with oedema", a => a.UnstableCardiacOrFluidOverload = true) },
    };

    /// <summary>(rule, input close to its finding that must not fire it).</summary>
    public static TheoryData<string, Case> NearMisses => new()
    {
        { "dvt-suspected", C("chronic embolism code I82.5", dx: ["I82.591"]) },
        { "dvt-suspected", C("DVT history only", a => { a.DvtHistory = true; a.DvtAffectedRegions = ["calf-left"]; }) },
        { "dvt-anticoagulated", C("DVT history without anticoagulant", a => { a.DvtHistory = true; a.DvtAffectedRegions = ["calf-left"]; }) },
        { "dvt-anticoagulated", C("anticoagulant without DVT history", meds: ["rivaroxaban"]) },
        { "bleeding-risk", C("NSAID is not an anticoagulant", meds: ["Ibuprofen 400 mg"]) },
        { "bleeding-risk", C("a word containing a drug name", meds: ["Heparinoid cream"]) },
        { "recent-surgery", C("surgery 85 days ago", a => a.RecentSurgeryDate = Today.AddDays(-85)) },
        { "recent-surgery", C("surgery planned next week", a => a.RecentSurgeryDate = Today.AddDays(7)) },
        { "active-cancer", C("history of breast cancer", dx: ["Z85.3"]) },
        { "bone-metastases", C("bone marrow metastasis code", dx: ["C79.52"]) },
        { "contagious-skin", C("non-contagious rash", a => a.SkinLesionRegions = ["calf-left"]) },
        { "pregnancy-high-risk", C("ordinary pregnancy", a => a.Pregnant = true) },
        { "uncontrolled-hypertension", C("179/109", a => { a.SystolicBp = 179; a.DiastolicBp = 109; }) },
        { "lymphedema", C("postprocedural hypertension I97.3", dx: ["I97.3"]) },
        { "lymphedema-infection", C("lymphedema without infection", dx: ["I89.0"]) },
        { "fever-infection", C("nothing reported") },
        { "osteoporosis", C("osteoarthritis is not osteoporosis", dx: ["M17.11"]) },
    };

    private static ScreeningResult Run(Case c)
    {
        var answers = new IntakeAnswers();
        c.Answer(answers);
        return Engine.Evaluate(answers, c.Diagnoses, c.Medications, Today);
    }

    [Theory]
    [MemberData(nameof(Fires))]
    public void Rule_FiresOnItsFinding_WithAReasonAndASource(string ruleId, Case input)
    {
        var finding = Assert.Single(Run(input).Findings, f => f.RuleId == ruleId);

        Assert.NotEmpty(finding.Reasons);
        Assert.False(string.IsNullOrWhiteSpace(finding.Source));
        Assert.False(string.IsNullOrWhiteSpace(finding.PatientText));
    }

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void Rule_StaysSilentOnANearMiss(string ruleId, Case input)
    {
        Assert.DoesNotContain(Run(input).Findings, f => f.RuleId == ruleId);
    }

    [Fact]
    public void EveryRuleInTheReferenceFile_HasAFiringCase()
    {
        var covered = Fires.Select(row => row.Data.Item1).ToHashSet();
        var uncovered = Reference.Rules.Select(r => r.Id).Except(covered).ToList();

        Assert.True(uncovered.Count == 0, "Rules without a firing case: " + string.Join(", ", uncovered));
    }

    [Fact]
    public void Warfarin_RestrictsToLightPressureWithoutBlockingTheSession()
    {
        var result = Run(C("warfarin", meds: ["Warfarin 5 mg"]));

        Assert.False(result.BlocksSession);
        Assert.Equal(2, result.MaxPressure);
        Assert.Equal(["deep-tissue", "percussion", "trigger-point"], result.ExcludedTechniques);
        Assert.Equal([RuleEffects.Modify], Assert.Single(result.Findings).Does);
        Assert.Contains("medication 'Warfarin 5 mg' is an anticoagulant", Assert.Single(result.Findings).Reasons);
    }

    [Fact]
    public void SuspectedDvt_DefersTodayAndOutranksOtherFindings()
    {
        var result = Run(C("DVT signs on warfarin with a rash", a => { a.DvtSuspected = true; a.SkinLesionRegions = ["shin-left"]; }, meds: ["warfarin"]));

        Assert.True(result.DeferToday);
        Assert.True(result.BlocksSession);
        Assert.Equal("dvt-suspected", result.Findings[0].RuleId);
        Assert.Equal([RuleEffects.AvoidArea], result.Findings[^1].Does);
    }

    [Fact]
    public void ClearanceFinding_BlocksTheSessionButDoesNotDefer()
    {
        var result = Run(C("recent surgery", a => { a.RecentSurgeryDate = Today.AddDays(-10); a.SurgeryRegions = ["abdomen"]; }));

        Assert.True(result.NeedsClearance);
        Assert.False(result.DeferToday);
        Assert.Equal(["abdomen"], result.AvoidRegions);
    }

    [Fact]
    public void SeveralFindings_TakeTheLowestPressureAndEveryAvoidedRegion()
    {
        var result = Run(C("osteoporosis on clopidogrel with a fracture and a rash", a =>
        {
            a.Osteoporosis = true;
            a.FractureRegions = ["forearm-right"];
            a.SkinLesionRegions = ["calf-left", "forearm-right"];
        }, meds: ["clopidogrel"]));

        Assert.Equal(2, result.MaxPressure);
        Assert.Equal(["calf-left", "forearm-right"], result.AvoidRegions);
        Assert.Contains("joint-mobilisation", result.ExcludedTechniques);
    }

    [Fact]
    public void Reasons_ReadAsAClinicianWouldWriteThem()
    {
        var result = Run(C("rash and high BP", a => { a.SkinLesionRegions = ["calf-left"]; a.SystolicBp = 184; }));

        Assert.Contains("reported: wound, rash or lesion at Left calf", result.Findings.Single(f => f.RuleId == "skin-lesion").Reasons);
        Assert.Contains("systolic blood pressure 184 (at least 180)", result.Findings.Single(f => f.RuleId == "uncontrolled-hypertension").Reasons);
    }

    [Fact]
    public void EveryIntakeFact_HasALabel()
    {
        var unlabelled = new IntakeAnswers().ToFacts().Keys.Except(IntakeAnswers.FactLabels.Keys).ToList();

        Assert.True(unlabelled.Count == 0, "Facts without a label: " + string.Join(", ", unlabelled));
    }

    [Fact]
    public void NothingReported_FindsNothing()
    {
        var result = Run(C("healthy adult", dx: ["M54.50"], meds: ["Ibuprofen"]));

        Assert.Empty(result.Findings);
        Assert.False(result.BlocksSession);
        Assert.Null(result.MaxPressure);
    }

    [Theory]
    [InlineData("i82401", "I82.401")]
    [InlineData(" z79.01 ", "Z79.01")]
    [InlineData("M545", "M54.5")]
    [InlineData("F32.A", "F32.A")]
    public void NormalizeCode_AcceptsCodesWithOrWithoutTheDot(string input, string expected)
    {
        Assert.Equal(expected, ContraindicationEngine.NormalizeCode(input));
    }

    [Fact]
    public void ReferenceFiles_AreConsistent_AndABrokenRuleIsRefusedAtLoad()
    {
        var broken = Reference.Rules[0] with { When = new RuleWhen(Any: [new RuleCondition(Flag: "noSuchAnswer")]) };

        var error = Assert.Throws<InvalidOperationException>(() => new ClinicalReference([broken]));

        Assert.Contains("'noSuchAnswer' is not a yes/no intake answer", error.Message, StringComparison.Ordinal);
        Assert.Equal(35, Reference.Regions.Count);
        Assert.True(Reference.Diagnoses.ContainsKey("M54.50"));
        Assert.False(Reference.Diagnoses.ContainsKey("M54.5"), "M54.5 is no longer valid from FY2022 (clinical.md §3).");
    }
}
