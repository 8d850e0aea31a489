using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Outcomes;

/// <summary>
/// The protocol library as the referring clinician's evidence page (issue 14 §5): evidence with its certainty and
/// citations (clinical.md §5), the screening rules as who not to refer, the dose, the programme's own results only
/// once enough patients finished, how to refer; a condition not reviewed says so.
/// </summary>
public sealed class EvidencePageTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task ALowBackPainPage_GivesEvidenceRulesDoseAndHowToRefer_ButNoResultsFromTooFewPatients()
    {
        var clinician = await app.AsAsync(Roles.Clinician);

        var page = await clinician.GetStringAsync("/Protocols/Condition/chronic-low-back-pain");

        Assert.Contains("Certainty: Low", page, StringComparison.Ordinal);
        Assert.Contains("Cherkin DC et al. Ann Intern Med 2011;155:1-9", page, StringComparison.Ordinal); // clinical.md §5
        Assert.Contains("SMD -0.37 (-0.62 to -0.13)", page, StringComparison.Ordinal);
        Assert.Contains("1 session a week for 10 weeks", page, StringComparison.Ordinal);
        Assert.Contains("Suspected or untreated deep vein thrombosis", page, StringComparison.Ordinal); // a defer rule: not now
        Assert.Contains("Not enough patients have finished a course", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"refer-link\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"not-reviewed\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AConditionNotReviewed_SaysSo_AndAnUnknownOneIsNotFound()
    {
        var therapist = await app.AsAsync(Roles.Therapist);

        var neck = await therapist.GetStringAsync("/Protocols/Condition/neck-pain");
        var unknown = await therapist.GetAsync("/Protocols/Condition/gout");
        var library = await therapist.GetStringAsync("/Protocols");

        Assert.Contains("data-testid=\"not-reviewed\"", neck, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"refer-link\"", neck, StringComparison.Ordinal); // a therapist does not refer
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("href=\"/Protocols/Condition/neck-pain\"", library, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APatient_IsRefusedTheStaffEvidencePage()
    {
        var patient = await app.AsAsync(Roles.Patient);

        var response = await patient.GetAsync("/Protocols/Condition/chronic-low-back-pain");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
