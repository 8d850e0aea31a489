using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;

namespace Tactus.Tests.Features.Portal;

/// <summary>
/// A questionnaire sent to the patient is answered in the portal as well as by the link (issue 13 §4): the same page
/// and rules, once only, and only the patient's own; without signing in the portal route opens nothing.
/// </summary>
public abstract class PortalQuestionnaireTests(TactusApp app)
{
    private const string Password = "Saffron-river-pillow-45";

    [Fact]
    public async Task AQuestionnaireSent_IsAnsweredInThePortal_OnceAndOnlyByItsPatient()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Answers" + Guid.NewGuid().ToString("N")[..6]);
        var details = $"/Patients/Details/{loop.PatientId}";
        await loop.Clinician.PostFormAsync(details, new() { ["instruments"] = "PHQ-9" }, $"{details}?handler=SendLink");
        var invitation = await app.WithDbAsync(db => db.MeasureInvitations.AsNoTracking().SingleAsync(i => i.PatientId == loop.PatientId));
        var portal = await app.PortalAsync(loop.PatientId, $"answers-{loop.PatientId:N}@example.org", Password);
        var other = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Answersother" + Guid.NewGuid().ToString("N")[..6]);
        var otherPortal = await app.PortalAsync(other.PatientId, $"answers-{other.PatientId:N}@example.org", Password);
        var route = $"/Portal/Answer/{invitation.Id}";

        var home = await portal.GetStringAsync("/Portal");
        var anonymous = await app.CreateBrowserlessClient().GetStringAsync(route);
        var someoneElse = await otherPortal.GetStringAsync(route);
        var form = await portal.GetStringAsync(route);
        var answers = Enumerable.Range(1, 9).ToDictionary(i => $"Answers[PHQ-9][q{i}]", _ => "1");
        var done = await (await portal.PostFormAsync(route, answers)).Content.ReadAsStringAsync();
        var again = await portal.GetStringAsync(route);
        var used = await app.WithDbAsync(db => db.MeasureInvitations.AsNoTracking().SingleAsync(i => i.Id == invitation.Id));
        var recorded = await app.WithDbAsync(db => db.MeasureResponses.AsNoTracking().Where(r => r.PatientId == loop.PatientId && r.Instrument == "PHQ-9").ToListAsync());

        Assert.Contains($"href=\"{route}\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Answers[PHQ-9][q1]", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("Answers[PHQ-9][q1]", someoneElse, StringComparison.Ordinal);
        Assert.Contains("Answers[PHQ-9][q1]", form, StringComparison.Ordinal);
        Assert.Contains("Thank you", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Answers[PHQ-9][q1]", again, StringComparison.Ordinal);
        Assert.NotNull(used.UsedAt);
        Assert.Equal(9, Assert.Single(recorded).Total);
    }
}

public sealed class PortalQuestionnaireSqliteTests(SqliteApp app) : PortalQuestionnaireTests(app), IClassFixture<SqliteApp>;

public sealed class PortalQuestionnairePostgreSqlTests(PostgreSqlApp app) : PortalQuestionnaireTests(app), IClassFixture<PostgreSqlApp>;
