using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bogus;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Medications;
using Tactus.Web.Features.Outcomes;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Sessions;
using Tactus.Web.Features.Utilisation;

namespace Tactus.Tests.Features.Outcomes;

/// <summary>
/// The value report (issue 14 §3). The second clinic is given a small, known programme for chronic low back pain: 12
/// treated episodes and 12 referred patients who never started, each with a first and a later NPRS score, visits, and
/// health-care use inside and outside the window. The manager sets the costs on the cost page; the report's differences
/// must equal the ones computed here by hand from the same definitions (clinical.md §6.2: ICER = ΔC/ΔE, NMB = λΔE − ΔC).
/// </summary>
public abstract partial class ProgrammeValueTests(TactusApp app) : IAsyncLifetime
{
    [Fact]
    public async Task TheOutcomeReport_ShowsTheChangeInOpioidsAndInHealthCareUse_SmallGroupsHiddenFromTheResearcher()
    {
        var manager = await ManagerWithCostsAsync();
        var researcher = await app.AsAsync(Roles.Researcher, TactusApp.OtherEmailDomain);

        // The programme's referral days only (300 to 311 days ago): the clinic's seeded demo visits are recent.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = $"/Outcomes?From={today.AddDays(-311):yyyy-MM-dd}&To={today.AddDays(-300):yyyy-MM-dd}";
        var page = await manager.GetStringAsync(period);
        var researcherPage = await researcher.GetStringAsync(period);
        var section = Regex.Match(page, "data-testid=\"condition-chronic-low-back-pain\"(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        var researcherSection = Regex.Match(researcherPage, "data-testid=\"condition-chronic-low-back-pain\"(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;

        // By hand: 4 × (0 − 30) and 1 × (20 − 20) over 5 episodes = −24 MME/day (shown −24.0), every episode the same within its group.
        var opioids = Paragraph(section, "opioid-change");
        Assert.Contains("in 5 started episodes", opioids, StringComparison.Ordinal);
        Assert.Contains("−24.0 (95 % CI", opioids, StringComparison.Ordinal);
        // By hand: before the referral none of the treated used care (the −5-day imaging is the never-started group's);
        // after it, 6 imagings at the price list's 300 and 4 injections at their actual 250, within 180 days (the surgery
        // at 200 days is outside): +10/12 events and +2,800/12 = +233.33 per patient.
        var use = Paragraph(section, "use-change");
        Assert.Contains("in 12 started episodes", use, StringComparison.Ordinal);
        Assert.Contains("events per patient +0.83 (95 % CI", use, StringComparison.Ordinal);
        Assert.Contains("cost per patient +233.33 (95 % CI", use, StringComparison.Ordinal);
        // By hand: 36 treated visits (12 episodes of 2, 3 or 4), 20 ending at pain 3 and 16 at 4 from 6: (20 × −3 + 16 × −2) / 36 = −2.56; stress −2 each.
        var visits = Paragraph(section, "visit-change");
        Assert.Contains("over 36 signed visits", visits, StringComparison.Ordinal);
        Assert.Contains("pain −2.56 (95 % CI", visits, StringComparison.Ordinal);
        Assert.Contains("stress −2.0 (95 % CI", visits, StringComparison.Ordinal);
        var researcherOpioids = Paragraph(researcherSection, "opioid-change");
        Assert.Contains("in <11 started episodes", researcherOpioids, StringComparison.Ordinal);
        Assert.DoesNotContain("−24", researcherOpioids, StringComparison.Ordinal);
        Assert.Contains("+233.33", Paragraph(researcherSection, "use-change"), StringComparison.Ordinal);
    }

    private static string Paragraph(string html, string testId)
    {
        var match = Regex.Match(html, $"data-testid=\"{testId}\">(.*?)</p>", RegexOptions.Singleline);
        Assert.True(match.Success, testId);
        return Regex.Replace(WebUtility.HtmlDecode(match.Groups[1].Value), @"\s+", " ");
    }

    private async Task<HttpClient> ManagerWithCostsAsync()
    {
        var manager = await app.AsAsync(Roles.Manager, TactusApp.OtherEmailDomain);
        var saved = await manager.PostFormAsync("/Outcomes/Costs", new()
        {
            ["Input.CostPerVisit"] = "80", ["Input.StaffMinutesPerVisit"] = "15", ["Input.StaffCostPerHour"] = "40", ["Input.OverheadPercent"] = "10",
            ["Input.UtilisationWindowDays"] = "180", ["Input.Prices[Imaging]"] = "300", ["Input.Prices[EmergencyVisit]"] = "900",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return manager;
    }

    private const string Query = "/Outcomes/Value?Condition=chronic-low-back-pain&Instrument=NPRS&Against=NotStarted&Measure=Points&WillingnessToPay=100";

    [Fact]
    public async Task TheDifferences_RatioAndNetBenefit_EqualTheHandComputation()
    {
        var manager = await ManagerWithCostsAsync();

        var page = await manager.GetStringAsync(Query);

        var treated = Programme.Where(p => p.Treated).ToList();
        var control = Programme.Where(p => !p.Treated).ToList();
        var deltaCost = treated.Average(CostOf) - control.Average(CostOf);
        var deltaEffect = treated.Average(p => p.Baseline - p.Latest) - control.Average(p => (double)(p.Baseline - p.Latest));
        var icer = CostEffectiveness.IncrementalRatio(deltaCost, deltaEffect);
        Assert.StartsWith(ValueView.Money(deltaCost) + " (95 % interval", Text(page, "delta-cost"), StringComparison.Ordinal);
        Assert.StartsWith(ValueView.Number(deltaEffect) + " (95 % interval", Text(page, "delta-effect"), StringComparison.Ordinal);
        Assert.Equal(icer.Describe("$", "point improved"), Text(page, "icer"));
        Assert.StartsWith(ValueView.Money(100 * deltaEffect - deltaCost) + " per patient", Text(page, "nmb"), StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">Treated</th><td>{PerArm}</td>", page, StringComparison.Ordinal);
        Assert.Contains($"<th scope=\"row\">Referred, never started</th><td>{PerArm}</td>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSameRequest_GivesTheSameIntervals_AndDrawsThePlaneTheCurveAndTheSensitivity()
    {
        var manager = await ManagerWithCostsAsync();

        var first = await manager.GetStringAsync(Query);
        var second = await manager.GetStringAsync(Query);

        Assert.Equal(Text(first, "delta-cost"), Text(second, "delta-cost"));
        Assert.Equal(Text(first, "nmb"), Text(second, "nmb"));
        Assert.Equal(Regex.Matches(first, "<circle ").Count, Regex.Matches(second, "<circle ").Count);
        Assert.Equal(1000, Regex.Matches(first, "<circle ").Count);
        Assert.Matches("<polyline points=\"[0-9., ]+\"", first);
        foreach (var input in new[] { "Price of a visit", "Staff cost per hour", "Overhead", "Cost of health-care use" })
        {
            Assert.Contains($"<th scope=\"row\">{input}</th>", first, StringComparison.Ordinal);
        }

        // The interval is a real interval around the estimate, not the estimate twice.
        var interval = Regex.Match(Text(first, "delta-cost"), @"interval (.+) to (.+)\)");
        Assert.NotEqual(interval.Groups[1].Value, interval.Groups[2].Value);
    }

    [Fact]
    public async Task TheResearcher_SeesNothingOfAnArmUnder11_TheManagerSeesIt()
    {
        var researcher = await app.AsAsync(Roles.Researcher, TactusApp.OtherEmailDomain);
        var manager = await ManagerWithCostsAsync();
        // Referred up to 306 days ago: six episodes in each arm.
        var to = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-306).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var researcherPage = await researcher.GetStringAsync(Query + "&To=" + to);
        var managerPage = await manager.GetStringAsync(Query + "&To=" + to);
        var researcherWhole = await researcher.GetStringAsync(Query);

        Assert.Contains("data-testid=\"value-withheld\"", researcherPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"delta-cost\"", researcherPage, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"value-arms\"", researcherPage, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Treated</th><td>6</td>", managerPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"delta-cost\"", researcherWhole, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Biller)]
    [InlineData(Roles.Therapist)]
    [InlineData(Roles.Clinician)]
    public async Task OtherRoles_AreRefusedTheValueReport_BeforeItRenders(string role)
    {
        var client = await app.AsAsync(role, TactusApp.OtherEmailDomain);

        var response = await client.GetAsync(Query);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCostPage_IsTheManagers_AndBadInputChangesNothing()
    {
        var manager = await ManagerWithCostsAsync();
        var researcher = await app.AsAsync(Roles.Researcher, TactusApp.OtherEmailDomain);

        var refused = await researcher.GetAsync("/Outcomes/Costs");
        var bad = await manager.PostFormAsync("/Outcomes/Costs", new()
        {
            ["Input.CostPerVisit"] = "-5", ["Input.StaffMinutesPerVisit"] = "15", ["Input.StaffCostPerHour"] = "40", ["Input.OverheadPercent"] = "10",
            ["Input.UtilisationWindowDays"] = "180", ["Input.Prices[Imaging]"] = "1",
        });
        var badPage = await bad.Content.ReadAsStringAsync();
        var badValue = await manager.GetAsync(Query.Replace("WillingnessToPay=100", "WillingnessToPay=-3", StringComparison.Ordinal));
        var settings = await app.WithDbAsync(db => db.ProgrammeCostSettings.IgnoreQueryFilters().AsNoTracking()
            .SingleAsync(s => db.Organizations.Any(o => o.Id == s.OrganizationId && o.Slug == TactusApp.OtherOrganizationSlug)));

        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("The cost of a visit is between 0 and 100,000", badPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badValue.StatusCode);
        Assert.Equal(80m, settings.CostPerVisit);
        Assert.Equal(300m, await app.WithDbAsync(db => db.UtilisationPrices.IgnoreQueryFilters()
            .Where(p => p.Kind == UtilisationKind.Imaging && db.Organizations.Any(o => o.Id == p.OrganizationId && o.Slug == TactusApp.OtherOrganizationSlug))
            .Select(p => p.Amount).SingleAsync()));
    }

    [Fact]
    public async Task TheValuePdf_CarriesThePagesFigures_AfterItsMethodAndLimits()
    {
        var manager = await ManagerWithCostsAsync();

        var page = await manager.GetStringAsync(Query);
        var response = await manager.GetAsync(Query.Replace("/Outcomes/Value?", "/Outcomes/Value?handler=Pdf&", StringComparison.Ordinal));
        using var document = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var deltaCost = Text(page, "delta-cost");
        Assert.Contains(string.Join(" ", deltaCost.Split(' ', StringSplitOptions.RemoveEmptyEntries)), text, StringComparison.Ordinal);
        Assert.Contains(string.Join(" ", Text(page, "icer").Split(' ', StringSplitOptions.RemoveEmptyEntries)), text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("not randomised", StringComparison.Ordinal) < text.IndexOf("Differences (treated minus comparison)", StringComparison.Ordinal));
        Assert.Contains("One-way sensitivity", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgainstTheWaitList_TheComparisonIsTheTreatedWhileTheyWaited()
    {
        var manager = await ManagerWithCostsAsync();

        var page = await manager.GetStringAsync(Query.Replace("Against=NotStarted", "Against=WaitList", StringComparison.Ordinal));

        // By hand: while waiting (referral to first visit) each treated patient improved 0 or 1 point (mean 0.5) and used no
        // care (their first use is at ten days, after the first visit at seven).
        var treated = Programme.Where(p => p.Treated).ToList();
        var deltaCost = treated.Average(CostOf);
        var deltaEffect = treated.Average(p => (double)(p.Baseline - p.Latest)) - 0.5;
        Assert.Contains($"<th scope=\"row\">Treated patients while waiting</th><td>{PerArm}</td>", page, StringComparison.Ordinal);
        Assert.StartsWith(ValueView.Money(deltaCost) + " (95 % interval", Text(page, "delta-cost"), StringComparison.Ordinal);
        Assert.StartsWith(ValueView.Number(deltaEffect) + " (95 % interval", Text(page, "delta-effect"), StringComparison.Ordinal);
        Assert.Contains("the wait is shorter than treatment", page, StringComparison.Ordinal);
    }

    private static string Text(string page, string testId)
    {
        var match = Regex.Match(page, $"data-testid=\"{testId}\">(.*?)</dd>", RegexOptions.Singleline);
        Assert.True(match.Success, testId);
        return WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }
}

public sealed class ProgrammeValueSqliteTests(SqliteApp app) : ProgrammeValueTests(app), IClassFixture<SqliteApp>;

public sealed class ProgrammeValuePostgreSqlTests(PostgreSqlApp app) : ProgrammeValueTests(app), IClassFixture<PostgreSqlApp>;
