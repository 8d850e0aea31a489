using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Sessions;
using Tactus.Web.Web;

namespace Tactus.Tests.Features.Sessions;

/// <summary>A documented session respects screening (clinical.md §4) and the therapist's certifications (issue 03 §1).</summary>
public sealed class SessionRulesTests
{
    private static readonly ClinicalReference Reference = new();
    private static readonly DateOnly Today = new(2026, 11, 27);
    private static readonly SessionRules.Limits Warfarin = new(2, new HashSet<string> { "deep-tissue", "percussion", "trigger-point" }, new HashSet<string> { "calf-left" });
    private static readonly SessionRules.Limits None = new(null, new HashSet<string>(), new HashSet<string>());

    private static Practitioner Therapist(params string[] certifications)
    {
        var p = new Practitioner { Discipline = Disciplines.MassageTherapist };
        p.Licences.Add(new Licence { State = "OR", Number = "1", Status = LicenceStatus.Active, ExpiresOn = Today.AddYears(1) });
        p.Certifications.AddRange(certifications.Select(c => new Certification { Code = c }));
        return p;
    }

    private static SessionNote With(params TechniqueApplied[] techniques) => new() { Techniques = [.. techniques], PainAfter = 3 };

    [Fact]
    public void LightSwedishOnAllowedRegion_PassesTheAnticoagulantLimits()
    {
        Assert.Empty(SessionRules.Problems(With(new TechniqueApplied("swedish", "lower-back-left", 30, 2)), Warfarin, Therapist(), Reference, Today));
    }

    [Theory]
    [InlineData("swedish", "lower-back-left", 30, 3, "above this patient's limit of 2")]
    [InlineData("deep-tissue", "lower-back-left", 10, 2, "excluded for this patient")]
    [InlineData("swedish", "calf-left", 10, 2, "Left calf is to be avoided")]
    [InlineData("lymphatic-drainage", "upper-arm-left", 20, 1, "needs the manual lymphatic drainage certification")]
    [InlineData("swedish", "tail", 10, 2, "unknown body region")]
    [InlineData("reiki", "abdomen", 10, 2, "Unknown technique")]
    [InlineData("swedish", "abdomen", 0, 2, "minutes must be between 1 and 120")]
    [InlineData("swedish", "abdomen", 10, 6, "pressure is on the 1-5 scale")]
    public void Violations_AreNamed(string technique, string region, int minutes, int pressure, string expected)
    {
        var problems = SessionRules.Problems(With(new TechniqueApplied(technique, region, minutes, pressure)), Warfarin, Therapist(), Reference, Today);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void CertifiedTherapist_MayRecordTheTechniqueTheCertificationCovers()
    {
        var note = With(new TechniqueApplied("lymphatic-drainage", "upper-arm-left", 20, 1));

        Assert.Empty(SessionRules.Problems(note, None, Therapist("manual-lymphatic-drainage"), Reference, Today));
    }

    [Fact]
    public void BodyChart_CannotMarkAnAvoidedRegionAsTreated()
    {
        var note = new SessionNote { BodyChart = [new RegionMark("calf-left", BodyMark.Treated), new RegionMark("calf-left", BodyMark.Avoided)] };

        var problem = Assert.Single(SessionRules.Problems(note, Warfarin, Therapist(), Reference, Today));

        Assert.Contains("marked treated but is to be avoided", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void SignedNote_CannotBeEdited_OnlyAmendedWithAReason_AndTheOriginalSurvives()
    {
        var session = new TreatmentSession { SessionDate = Today, CheckIn = new CheckIn(6, 5, new Tactus.Web.Features.Screening.HealthChanges()) };
        var original = With(new TechniqueApplied("swedish", "lower-back-left", 30, 2)) with { Assessment = "Tender lumbar paraspinals" };
        session.Document(original);
        session.Sign(Guid.NewGuid(), new DateTimeOffset(2026, 11, 27, 17, 0, 0, TimeSpan.Zero));
        var corrected = original with { Assessment = "Tender lumbar paraspinals, left more than right" };

        Assert.Throws<DomainRuleException>(() => session.Document(corrected));
        Assert.Throws<DomainRuleException>(() => session.Amend(corrected, " ", Guid.NewGuid(), DateTimeOffset.UtcNow));
        session.Amend(corrected, "Side of tenderness omitted", Guid.NewGuid(), DateTimeOffset.UtcNow);

        Assert.Equal(corrected.Assessment, session.Note.Assessment);
        var amendment = Assert.Single(session.Amendments);
        Assert.Equal("Tender lumbar paraspinals", amendment.Original.Assessment);
        Assert.Equal(SessionStatus.Signed, session.Status);
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void Signing_MoreThanADayAfterTheVisit_IsALateEntry(int daysLater, bool late)
    {
        var session = new TreatmentSession { SessionDate = Today, CheckIn = new CheckIn(5, 5, new Tactus.Web.Features.Screening.HealthChanges()) };

        session.Sign(Guid.NewGuid(), new DateTimeOffset(Today.AddDays(daysLater).ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero));

        Assert.Equal(late, session.LateEntry);
    }
}
