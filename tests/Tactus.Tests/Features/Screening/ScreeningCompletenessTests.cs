using System.ComponentModel.DataAnnotations;
using Tactus.Web.Features.Screening;

namespace Tactus.Tests.Features.Screening;

/// <summary>
/// Each answer is judged on its own merit (issue 10 §1): an answer that names a risk or a body region
/// either produces a finding that acts on it, or the answers are refused naming what is missing. What a
/// rule does is data the plan and note enforce (clinical reference §4: active cancer is CLEARANCE and MODIFY).
/// </summary>
public sealed class ScreeningCompletenessTests
{
    private static readonly ClinicalReference Reference = new();
    private static readonly ContraindicationEngine Engine = new(Reference);
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static IEnumerable<string> Refusals(IntakeAnswers answers) =>
        answers.Validate(new ValidationContext(answers)).SelectMany(r => r.MemberNames);

    public static TheoryData<string> YesNoAnswers => [.. typeof(IntakeAnswers).GetProperties().Where(p => p.PropertyType == typeof(bool)).Select(p => p.Name)];

    public static TheoryData<string> RegionAnswers => [.. typeof(IntakeAnswers).GetProperties().Where(p => p.PropertyType == typeof(List<string>)).Select(p => p.Name)];

    [Theory]
    [MemberData(nameof(YesNoAnswers))]
    public void EveryYesAnswer_FiresAFindingOrIsRefusedNamingWhatIsMissing(string answer)
    {
        var answers = new IntakeAnswers();
        typeof(IntakeAnswers).GetProperty(answer)!.SetValue(answers, true);

        var findings = Engine.Evaluate(answers, [], [], Today).Findings;
        var refusedFor = Refusals(answers).ToList();

        Assert.True(findings.Count > 0 || refusedFor.Count > 0, $"'{answer}' alone was silently ignored.");
    }

    [Theory]
    [MemberData(nameof(RegionAnswers))]
    public void EveryRegionAnswer_IsAvoidedOrIsRefusedNamingWhatIsMissing(string answer)
    {
        var answers = new IntakeAnswers();
        typeof(IntakeAnswers).GetProperty(answer)!.SetValue(answers, new List<string> { "calf-left" });

        var result = Engine.Evaluate(answers, [], [], Today);
        var refusedFor = Refusals(answers).ToList();

        Assert.True(result.AvoidRegions.Contains("calf-left") || refusedFor.Count > 0, $"'{answer}' named the left calf and nothing avoids it.");
    }

    [Fact]
    public void PastDvtWithoutAnticoagulant_AvoidsTheLimbAndWarns()
    {
        var answers = new IntakeAnswers { DvtHistory = true, DvtAffectedRegions = ["calf-left", "thigh-back-left"] };

        var finding = Assert.Single(Engine.Evaluate(answers, [], ["Atorvastatin 20 mg"], Today).Findings);

        Assert.Equal("dvt-history", finding.RuleId);
        Assert.Equal([RuleEffects.AvoidArea], finding.Does);
        Assert.Equal(["calf-left", "thigh-back-left"], finding.AvoidRegions);
        Assert.Contains("new calf or limb pain, swelling", finding.ClinicianText, StringComparison.Ordinal);
        Assert.Contains("Werner", finding.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void HistoryOfDvtCodeWithoutALimb_FiresAndSaysTheLimbIsNotRecorded()
    {
        var finding = Assert.Single(Engine.Evaluate(new IntakeAnswers(), ["Z86.718"], [], Today).Findings);

        Assert.Equal("dvt-history", finding.RuleId);
        Assert.Empty(finding.AvoidRegions);
        Assert.Contains(finding.Gaps, g => g.Contains("not recorded", StringComparison.Ordinal));
    }

    [Fact]
    public void ActiveCancer_NeedsClearanceAndCarriesAPressureCeilingAndTechniqueRestrictions()
    {
        var finding = Assert.Single(Engine.Evaluate(new IntakeAnswers { ActiveCancer = true }, [], [], Today).Findings);

        Assert.Equal([RuleEffects.Clearance, RuleEffects.Modify], finding.Does);
        Assert.Equal(3, finding.MaxPressure);
        Assert.Contains("deep-tissue", finding.ExcludedTechniques);
    }

    [Fact]
    public void MalignantNeoplasmCode_IsActiveCancer_AndHistoryOfCancerIsNot()
    {
        Assert.Contains(Engine.Evaluate(new IntakeAnswers(), ["C50.911"], [], Today).Findings, f => f.RuleId == "active-cancer");
        Assert.DoesNotContain(Engine.Evaluate(new IntakeAnswers(), ["Z85.3"], [], Today).Findings, f => f.RuleId == "active-cancer");
    }

    [Fact]
    public void NoRule_ThatSaysItIsNotAnAbsoluteContraindication_Defers()
    {
        var mislabelled = Reference.Rules.Where(r => r.ClinicianText.Contains("Not an absolute contraindication", StringComparison.OrdinalIgnoreCase)
            || r.ClinicianText.Contains("Not a contraindication", StringComparison.OrdinalIgnoreCase))
            .Where(r => r.Does.Contains(RuleEffects.Defer)).Select(r => r.Id).ToList();

        Assert.Contains(Reference.Rules, r => r.ClinicianText.Contains("Not an absolute contraindication", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(mislabelled);
    }

    [Theory]
    [InlineData("modify without a limit", "modify", null, null)]
    [InlineData("a ceiling on a rule that does not modify", "clearance", 2, null)]
    [InlineData("avoid-area without the answers its regions come from", "avoid-area", null, null)]
    [InlineData("an effect nobody enforces", "adapt", null, null)]
    public void RuleFile_ThatStatesWhatItDoesOnlyInProse_IsRefusedAtStart(string name, string does, int? maxPressure, string? avoidFrom)
    {
        var rule = new ContraindicationRule("test-" + name.Replace(' ', '-'), "Test", [does], new RuleWhen([new RuleCondition(Flag: "osteoporosis")]),
            "patient text", "clinician text", "source", avoidFrom is null ? null : [avoidFrom], maxPressure);

        Assert.Throws<InvalidOperationException>(() => new ClinicalReference([rule]));
    }

    [Theory]
    [InlineData(nameof(IntakeAnswers.Pregnant))]
    [InlineData(nameof(IntakeAnswers.LymphedemaRegions))]
    [InlineData(nameof(IntakeAnswers.RecentSurgeryDate))]
    [InlineData(nameof(IntakeAnswers.DvtAffectedRegions))]
    [InlineData(nameof(IntakeAnswers.DiastolicBp))]
    public void ContradictoryOrIncompleteAnswers_AreRefusedNamingWhatIsMissing(string missing)
    {
        var answers = missing switch
        {
            nameof(IntakeAnswers.Pregnant) => new IntakeAnswers { HighRiskPregnancy = true },
            nameof(IntakeAnswers.LymphedemaRegions) => new IntakeAnswers { LimbInfection = true },
            nameof(IntakeAnswers.RecentSurgeryDate) => new IntakeAnswers { SurgeryRegions = ["abdomen"] },
            nameof(IntakeAnswers.DvtAffectedRegions) => new IntakeAnswers { DvtHistory = true },
            _ => new IntakeAnswers { SystolicBp = 80, DiastolicBp = 120 },
        };

        Assert.Equal([missing], Refusals(answers));
    }

    [Fact]
    public void HighRiskPregnancyCode_TakesTheSaferReading_PregnantAndNeedsClearance()
    {
        var findings = Engine.Evaluate(new IntakeAnswers(), ["O09.891"], [], Today).Findings.Select(f => f.RuleId).ToList();

        Assert.Contains("pregnancy", findings);
        Assert.Contains("pregnancy-high-risk", findings);
    }
}
