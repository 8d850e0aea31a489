using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Sessions;

namespace Tactus.Tests.Features.Sessions;

/// <summary>
/// Check-in screens again for real (issue 10 §1, clinical reference §4): what changed since the last visit
/// is structured, screened with the rest of the record, blocks on a defer or clearance finding and warns on
/// the others. Check-in is idempotent per referral and day (issue 10 §5).
/// </summary>
public abstract class CheckInScreeningTests(TactusApp app)
{
    [Fact]
    public async Task FeverAndNewCalfSwelling_OnAnAnticoagulant_BlocksTheVisitAndRecordsWhy()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Odile", familyName: "Brask");
        Assert.Equal(HttpStatusCode.Created, (await loop.RecordIntakeAsync("{}", """["Apixaban 5 mg twice daily"]""")).StatusCode);

        var response = await loop.CheckInAsync("""
            {"painBefore":5,"stressBefore":4,"changes":{"feverOrAcuteIllness":true,"limbSymptoms":true,"limbSymptomRegions":["calf-right"]},
             "note":"Temperature 38.5 this morning, right calf swollen since yesterday"}
            """);
        var problem = await response.ReadJsonAsync();
        var findings = await (await loop.Therapist.GetAsync($"/api/patients/{loop.PatientId}/findings")).ReadAsync<List<IntakeApi.FindingDto>>();
        var visits = await app.WithDbAsync(db => db.TreatmentSessions.CountAsync(s => s.ReferralId == loop.ReferralId));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("no massage today", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains(findings!, f => f.RuleId == "fever-infection" && f.BlocksTreatment);
        Assert.Contains(findings!, f => f.RuleId == "dvt-suspected" && f.BlocksTreatment);
        Assert.Contains(findings!, f => f.RuleId == "bleeding-risk");
        Assert.Equal(0, visits);
    }

    [Fact]
    public async Task TodaysFever_CountsForThatVisitOnly_AndANextCheckInWithoutItGoesAhead()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Pell", familyName: "Harrow");
        await loop.RecordIntakeAsync("{}");

        var feverish = await loop.CheckInAsync("""{"painBefore":5,"stressBefore":4,"changes":{"feverOrAcuteIllness":true}}""");
        var well = await loop.CheckInAsync("""{"painBefore":5,"stressBefore":4,"changes":{}}""");
        var findings = await (await loop.Therapist.GetAsync($"/api/patients/{loop.PatientId}/findings")).ReadAsync<List<IntakeApi.FindingDto>>();

        Assert.Equal(HttpStatusCode.Conflict, feverish.StatusCode);
        Assert.Equal(HttpStatusCode.Created, well.StatusCode);
        Assert.DoesNotContain(findings!, f => f.RuleId == "fever-infection");
    }

    [Fact]
    public async Task NewAnticoagulantAndAFall_WarnAtCheckIn_AndJoinTheHistory()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Ines", familyName: "Carrow");
        await loop.RecordIntakeAsync("{}");

        var response = await loop.CheckInAsync("""
            {"painBefore":4,"stressBefore":3,"changes":{"newMedications":["Rivaroxaban 20 mg"],"fall":true,"fallInjuryRegions":["hip-left"]}}
            """);
        var visit = await response.ReadAsync<SessionsApi.SessionDto>();
        var intakes = await app.WithDbAsync(db => db.Intakes.Where(i => i.PatientId == loop.PatientId).OrderBy(i => i.RecordedAt).ToListAsync());
        var limits = await (await loop.Therapist.GetAsync($"/api/patients/{loop.PatientId}/findings")).ReadAsync<List<IntakeApi.FindingDto>>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains(visit!.CheckIn.Warnings!, w => w.StartsWith("Anticoagulant", StringComparison.Ordinal) && w.Contains("modify", StringComparison.Ordinal));
        Assert.Contains(visit.CheckIn.Warnings!, w => w.StartsWith("A recent fall", StringComparison.Ordinal));
        Assert.Equal(2, intakes.Count);
        Assert.Contains("Rivaroxaban 20 mg", intakes[^1].Medications);
        Assert.True(intakes[^1].UpdatedAtCheckIn);
        Assert.Contains(limits!, f => f.RuleId == "recent-fall" && f.AvoidRegions.Contains("hip-left"));
        Assert.Contains(limits!, f => f.RuleId == "bleeding-risk" && f.MaxPressure == 2);
    }

    [Fact]
    public async Task SurgerySinceTheLastVisit_NeedsClearance_AndWithoutADateIsRefusedNamingIt()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Tamsin", familyName: "Orde");
        await loop.RecordIntakeAsync("{}");
        var lastWeek = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(-7).ToString("yyyy-MM-dd");

        var undated = await loop.CheckInAsync("""{"painBefore":4,"stressBefore":3,"changes":{"surgeryOrProcedure":true,"surgeryRegions":["knee-right"]}}""");
        var undatedProblem = await undated.ReadJsonAsync();
        var dated = await loop.CheckInAsync($$$"""{"painBefore":4,"stressBefore":3,"changes":{"surgeryOrProcedure":true,"surgeryDate":"{{{lastWeek}}}","surgeryRegions":["knee-right"]}}""");

        Assert.Equal(HttpStatusCode.BadRequest, undated.StatusCode);
        Assert.True(undatedProblem.GetProperty("errors").TryGetProperty("Changes.SurgeryDate", out _), undatedProblem.ToString());
        Assert.Equal(HttpStatusCode.Conflict, dated.StatusCode);
        Assert.Contains("clearance", (await dated.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckingInTwice_ReturnsTodaysVisit_UnlessAnotherVisitIsAskedFor()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Wren", familyName: "Dallow");
        await loop.RecordIntakeAsync("{}");

        var first = await loop.CheckInAsync("""{"painBefore":6,"stressBefore":4,"changes":{}}""");
        var again = await loop.CheckInAsync("""{"painBefore":6,"stressBefore":4,"changes":{}}""");
        var another = await loop.CheckInAsync("""{"painBefore":6,"stressBefore":4,"changes":{},"anotherVisit":true}""");
        var firstVisit = await first.ReadAsync<SessionsApi.SessionDto>();
        var againVisit = await again.ReadAsync<SessionsApi.SessionDto>();
        var anotherVisit = await another.ReadAsync<SessionsApi.SessionDto>();

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.Created), (first.StatusCode, again.StatusCode, another.StatusCode));
        Assert.Equal(firstVisit!.Id, againVisit!.Id);
        Assert.NotEqual(firstVisit.Id, anotherVisit!.Id);
        Assert.Equal((1, 2), (firstVisit.VisitOfDay, anotherVisit.VisitOfDay));
    }

    [Fact]
    public async Task ManyCheckInsAtOnce_StartExactlyOneVisit()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Bram", familyName: "Ellery");
        await loop.RecordIntakeAsync("{}");

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => loop.CheckInAsync("""{"painBefore":6,"stressBefore":4,"changes":{}}""")));
        var visits = await app.WithDbAsync(db => db.TreatmentSessions.Where(s => s.ReferralId == loop.ReferralId).Select(s => s.Id).ToListAsync());
        var answered = await Task.WhenAll(responses.Select(r => r.ReadAsync<SessionsApi.SessionDto>()));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK, r.StatusCode.ToString()));
        var visit = Assert.Single(visits);
        Assert.All(answered, a => Assert.Equal(visit, a!.Id));
    }
}

public sealed class CheckInScreeningSqliteTests(SqliteApp app) : CheckInScreeningTests(app), IClassFixture<SqliteApp>;

public sealed class CheckInScreeningPostgreSqlTests(PostgreSqlApp app) : CheckInScreeningTests(app), IClassFixture<PostgreSqlApp>;
