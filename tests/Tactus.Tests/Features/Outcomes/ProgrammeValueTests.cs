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
    private const int PerArm = 12;
    private const decimal CostPerVisit = 80, StaffMinutes = 15, StaffPerHour = 40, Overhead = 10, Imaging = 300, Emergency = 900;

    private sealed record Planned(bool Treated, int Visits, int Baseline, int Latest, DateTimeOffset Referred, List<(UtilisationKind Kind, int DaysAfter, decimal? Cost)> Use);

    private static readonly List<Planned> Programme = Build();

    private static List<Planned> Build()
    {
        // Noon UTC: the same calendar day in the clinic's zone (Los Angeles), so a period filter by the clinic's days cuts where the test means.
        var today = new DateTimeOffset(DateTime.UtcNow.Date.AddHours(12), TimeSpan.Zero);
        var list = new List<Planned>();
        for (var i = 0; i < PerArm; i++)
        {
            List<(UtilisationKind, int, decimal?)> use = [];
            if (i % 2 == 0) use.Add((UtilisationKind.Imaging, 10, null));
            if (i % 3 == 0) use.Add((UtilisationKind.Injection, 20, 250m));
            use.Add((UtilisationKind.Surgery, 200, 9000m)); // outside the 180-day window: never counted
            list.Add(new Planned(true, 2 + i % 3, 7, 7 - i % 4, today.AddDays(-(300 + i)), use));
        }

        for (var i = 0; i < PerArm; i++)
        {
            List<(UtilisationKind, int, decimal?)> use = [];
            if (i % 4 == 0) use.Add((UtilisationKind.EmergencyVisit, 30, null));
            if (i % 2 == 1) use.Add((UtilisationKind.Imaging, 40, null));
            use.Add((UtilisationKind.Imaging, -5, null)); // before the referral: never counted
            list.Add(new Planned(false, 0, 6, 6 - i % 2, today.AddDays(-(300 + i)), use));
        }

        return list;
    }

    /// <summary>The same arithmetic by hand: each visit (80 + 15 min at 40/h) with 10 % overhead, plus use in the window at its cost or the price list.</summary>
    private static double CostOf(Planned p) =>
        (double)(p.Visits * (CostPerVisit + StaffMinutes * StaffPerHour / 60) * (1 + Overhead / 100))
        + (double)p.Use.Where(u => u.DaysAfter is >= 0 and < 180).Sum(u => u.Cost ?? (u.Kind == UtilisationKind.Imaging ? Imaging : u.Kind == UtilisationKind.EmergencyVisit ? Emergency : 0));

    public async ValueTask InitializeAsync()
    {
        await app.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Slug == TactusApp.OtherOrganizationSlug);
            if (await db.UtilisationEvents.IgnoreQueryFilters().AnyAsync(e => e.OrganizationId == organization.Id))
            {
                return 0;
            }

            var therapist = await UserAsync(db, organization.Id, Roles.Therapist);
            var clinician = await UserAsync(db, organization.Id, Roles.Clinician);
            var painScale = app.Services.GetRequiredService<InstrumentCatalog>().Find("NPRS")!;
            var faker = new Faker("en") { Random = new Randomizer(63) };
            var firstMrn = await SyntheticClinic.ReserveMrnsAsync(db, organization.Id, Programme.Count, CancellationToken.None);
            var now = app.Clock.GetUtcNow();
            List<Patient> patients = []; List<Referral> referrals = []; List<TreatmentSession> sessions = []; List<MeasureResponse> responses = []; List<UtilisationEvent> events = [];
            for (var i = 0; i < Programme.Count; i++)
            {
                var planned = Programme[i];
                var patient = SyntheticClinic.NewPatient(faker, organization.Id, SyntheticClinic.FormatMrn(firstMrn + i), DateOnly.FromDateTime(now.UtcDateTime), now,
                    [new SyntheticClinic.CareTeamAssignment(therapist, Roles.Therapist)], i);
                patients.Add(patient);
                var referral = new Referral
                {
                    OrganizationId = organization.Id, PatientId = patient.Id, ReferringClinicianId = clinician, EnteredById = clinician, Reason = "Low back pain.",
                    VisitsRequested = 6, Urgency = ReferralUrgency.Routine, CreatedAt = planned.Referred,
                    Diagnoses = [new ReferralDiagnosis { Rank = 1, Code = "M54.50", Display = "Low back pain, unspecified" }],
                };
                referral.Send(clinician, planned.Referred);
                referrals.Add(referral);
                var day = DateOnly.FromDateTime(planned.Referred.UtcDateTime);
                for (var v = 0; v < planned.Visits; v++)
                {
                    var visitDay = day.AddDays(7 * (v + 1));
                    var session = new TreatmentSession
                    {
                        OrganizationId = organization.Id, PatientId = patient.Id, ReferralId = referral.Id, TherapistId = therapist, SessionDate = visitDay,
                        CheckedInAt = new DateTimeOffset(visitDay.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero), CheckIn = new CheckIn(6, 4, new HealthChanges()),
                    };
                    // Pain 6 at check-in and 3 or 4 after (alternating), stress 4 and then 2.
                    session.Document(new SessionNote { Techniques = [new TechniqueApplied("swedish", "lower-back-left", 30, 3)], PainAfter = 3 + v % 2, StressAfter = 2 });
                    session.Sign(therapist, session.CheckedInAt.AddHours(1));
                    sessions.Add(session);
                }

                // The baseline on the referral's day, the later score 60 days on (inside the window for those who never started).
                // A treated patient also answered while waiting, three days after the referral (before the first visit at seven):
                // 0 or 1 point better than the baseline, alternating; it is neither the first nor the last score of the episode.
                var scores = new List<(int, DateTimeOffset)> { (planned.Baseline, planned.Referred.AddHours(2)), (planned.Latest, planned.Referred.AddDays(60)) };
                if (planned.Treated)
                {
                    scores.Add((planned.Baseline - i % 2, planned.Referred.AddDays(3)));
                }

                foreach (var (score, at) in scores)
                {
                    var answers = new Dictionary<string, int?> { ["pain"] = score };
                    var scored = Scoring.Score(painScale, answers);
                    responses.Add(new MeasureResponse
                    {
                        OrganizationId = organization.Id, PatientId = patient.Id, Instrument = "NPRS", Answers = answers, EnteredById = therapist, CompletedAt = at,
                        Total = scored.Total, Band = scored.Band, BandConvention = scored.Band is null ? null : painScale.BandConvention,
                    });
                }

                events.AddRange(planned.Use.Select(u => new UtilisationEvent
                {
                    OrganizationId = organization.Id, PatientId = patient.Id, Kind = u.Kind, OccurredOn = day.AddDays(u.DaysAfter),
                    Cost = u.Cost, Source = "imported", RecordedById = therapist, RecordedAt = now,
                }));
            }

            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkInsert.WriteAsync(db, patients, CancellationToken.None);
            await BulkInsert.WriteAsync(db, patients.SelectMany(p => p.Conditions).ToList(), CancellationToken.None);
            await BulkInsert.WriteAsync(db, patients.SelectMany(p => p.CareTeam).ToList(), CancellationToken.None);
            await BulkInsert.WriteAsync(db, referrals, CancellationToken.None);
            await BulkInsert.WriteAsync(db, sessions, CancellationToken.None);
            await BulkInsert.WriteAsync(db, responses, CancellationToken.None);
            await BulkInsert.WriteAsync(db, events, CancellationToken.None);
            await BulkInsert.WriteAsync(db, Opioids(patients, organization.Id, therapist, now), CancellationToken.None);
            await transaction.CommitAsync();
            return events.Count;
        });
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Four treated patients took oxycodone 10 mg twice a day (30 MME/day, clinical.md §6.3(a)) from before the referral and
    /// stopped ten days after it, before their last visit; a fifth takes morphine 20 mg a day throughout (no change).
    /// </summary>
    private static List<OpioidStatement> Opioids(List<Patient> patients, Guid organizationId, Guid therapist, DateTimeOffset now)
    {
        var list = new List<OpioidStatement>();
        for (var i = 0; i < 5; i++)
        {
            var referred = DateOnly.FromDateTime(Programme[i].Referred.UtcDateTime);
            var statement = new OpioidStatement
            {
                OrganizationId = organizationId, PatientId = patients[i].Id, Opioid = i < 4 ? "oxycodone" : "morphine", Strength = i < 4 ? 10 : 20,
                DosesPerDay = i < 4 ? 2 : 1, MmePerDay = i < 4 ? 30 : 20, TakenFrom = referred.AddDays(-30), RecordedById = therapist, RecordedAt = now,
            };
            if (i < 4)
            {
                statement.Stop(referred.AddDays(10));
            }

            list.Add(statement);
        }

        return list;
    }

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

    private static Task<Guid> UserAsync(TactusDbContext db, Guid organizationId, string role) =>
        db.Users.Where(u => u.OrganizationId == organizationId)
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u.Id, ur.RoleId })
            .Join(db.Roles.Where(r => r.Name == role), x => x.RoleId, r => r.Id, (x, _) => x.Id).FirstAsync();

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
