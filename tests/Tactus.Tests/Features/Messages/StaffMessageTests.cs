using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Messages;

namespace Tactus.Tests.Features.Messages;

/// <summary>
/// What the staff are e-mailed (issue 13 §2), through a real SMTP server on 127.0.0.1: an urgent safety alert at once and
/// its escalation when nobody acts, a plan to certify, a report ready, a credential running out. None names the patient.
/// </summary>
public abstract class StaffMessageTests(MailApp app)
{
    private OutboxWorker Worker => app.Services.GetRequiredService<OutboxWorker>();

    /// <summary>An urgent safety alert e-mails each of the care team at once, saying nothing of who or what (issue 13 §2).</summary>
    [Fact]
    public async Task AnUrgentSafetyAlert_EmailsTheCareTeam_WithoutClinicalDetail()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Alertmail" + Guid.NewGuid().ToString("N")[..6]);
        var recorded = await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/measures",
            Json.Body("""{"instrument":"PHQ-9","answers":{"q1":0,"q2":1,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":1}}"""));
        await Worker.SendDueAsync(CancellationToken.None);
        var alerts = app.Smtp.Received.Where(m => m.Subject == "Urgent: a safety alert needs you in Tactus").ToList();

        Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
        Assert.Equal(["clinician@riverside.example", "therapist@riverside.example"],
            alerts.SelectMany(m => m.To.Mailboxes.Select(b => b.Address)).Distinct().Order());
        Assert.All(alerts, m =>
        {
            Assert.Contains("/Inbox", m.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("PHQ", m.TextBody, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Alertmail", m.TextBody, StringComparison.OrdinalIgnoreCase);
        });
    }

    /// <summary>An urgent alert nobody acknowledges within the hour goes to the managers, once; an acknowledged one does not.</summary>
    [Fact]
    public async Task AnUnacknowledgedUrgentAlert_IsEscalatedToTheManagersOnce()
    {
        const string Item9 = """{"instrument":"PHQ-9","answers":{"q1":0,"q2":1,"q3":0,"q4":0,"q5":0,"q6":0,"q7":0,"q8":0,"q9":1}}""";
        var ignored = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Escalate" + Guid.NewGuid().ToString("N")[..6]);
        var handled = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Handled" + Guid.NewGuid().ToString("N")[..6]);
        var ignoredAlert = (await (await ignored.Therapist.PostAsync($"/api/patients/{ignored.PatientId}/measures", Json.Body(Item9))).ReadAsync<Tactus.Web.Features.Questionnaires.MeasuresApi.RecordedDto>())!.AlertIds.Single();
        var handledAlert = (await (await handled.Therapist.PostAsync($"/api/patients/{handled.PatientId}/measures", Json.Body(Item9))).ReadAsync<Tactus.Web.Features.Questionnaires.MeasuresApi.RecordedDto>())!.AlertIds.Single();
        Assert.True((await handled.Therapist.PostAsync($"/api/alerts/{handledAlert}/acknowledge", Json.Body("""{"actionTaken":"Called the patient; safety plan made."}"""))).IsSuccessStatusCode);
        var escalation = app.Services.GetRequiredService<AlertEscalation>();

        await escalation.EscalateAsync(CancellationToken.None);
        var beforeTheHour = await app.WithDbAsync(db => db.SafetyAlerts.AsNoTracking().SingleAsync(a => a.Id == ignoredAlert));
        app.Clock.Advance(TimeSpan.FromMinutes(61));
        var escalated = await escalation.EscalateAsync(CancellationToken.None);
        var again = await escalation.EscalateAsync(CancellationToken.None);
        await Worker.SendDueAsync(CancellationToken.None);
        var alerts = await app.WithDbAsync(db => db.SafetyAlerts.AsNoTracking().Where(a => a.Id == ignoredAlert || a.Id == handledAlert).ToListAsync());
        var toManager = app.Smtp.Received.Where(m => m.Subject == "Urgent: a safety alert has not been acknowledged"
            && m.To.Mailboxes.Any(b => b.Address == "manager@riverside.example")).ToList();

        Assert.Null(beforeTheHour.EscalatedAt);
        Assert.True(escalated >= 1);
        Assert.Equal(0, again);
        Assert.NotNull(alerts.Single(a => a.Id == ignoredAlert).EscalatedAt);
        Assert.Null(alerts.Single(a => a.Id == handledAlert).EscalatedAt);
        Assert.True(toManager.Count >= escalated, $"{escalated} alerts escalated, {toManager.Count} messages to the manager");
        Assert.All(toManager, m => Assert.DoesNotContain("Escalate", m.TextBody, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The referring clinician hears when a plan waits for their certification and when a report is ready (issue 13 §2).</summary>
    [Fact]
    public async Task TheReferringClinician_HearsOfAPlanToCertify_AndAReportReady()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Planmail" + Guid.NewGuid().ToString("N")[..6]);
        Assert.True((await loop.RecordIntakeAsync("{}")).IsSuccessStatusCode);
        var plan = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/plans", Json.Body("""
            {"goals":[{"description":"Pain at rest","instrument":"NPRS","target":"≤ 4"}],"sessionsPerWeek":1,"weeks":6,"techniques":["swedish"],
             "measures":[{"instrument":"NPRS","atBaseline":true,"everyVisits":1,"atDischarge":true}],"reportEveryVisits":0,"reportEveryDays":0}
            """))).ReadJsonAsync();
        var before = app.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == "clinician@riverside.example"));
        Assert.True((await loop.Therapist.PostAsync($"/api/plans/{plan.GetProperty("id").GetGuid()}/sign", null)).IsSuccessStatusCode);
        var report = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/reports", Json.Body("""{"kind":"Progress"}"""))).ReadJsonAsync();
        var sent = await loop.Therapist.PostAsync($"/api/reports/{report.GetProperty("id").GetGuid()}", Json.Body("""{"assessment":"Pain easing.","recommendation":"Continue.","send":true}"""));
        await Worker.SendDueAsync(CancellationToken.None);
        var toClinician = app.Smtp.Received.Where(m => m.To.Mailboxes.Any(b => b.Address == "clinician@riverside.example")).Skip(before).Select(m => m.Subject).ToList();

        Assert.True(sent.IsSuccessStatusCode, await sent.Content.ReadAsStringAsync());
        Assert.Contains("A plan of care waits for your certification", toClinician);
        Assert.Contains("A progress report is ready for you", toClinician);
    }

    /// <summary>A licence 55 days from expiry has passed the 60-day mark: the practitioner and the manager hear once.</summary>
    [Fact]
    public async Task ALicenceRunningOut_IsAnnouncedOncePerMark_ToThePractitionerAndTheManager()
    {
        var jonas = await app.UserIdAsync("therapist2@riverside.example");
        var today = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime);
        var licenceId = await app.WithDbAsync(async db =>
        {
            var practitioner = await db.Practitioners.SingleAsync(p => p.UserId == jonas);
            practitioner.Licences[0].ExpiresOn = today.AddDays(55);
            await db.SaveChangesAsync();
            return practitioner.Licences[0].Id;
        });
        var expiry = app.Services.GetRequiredService<CredentialExpiry>();

        var first = await expiry.QueueDueAsync(CancellationToken.None);
        var second = await expiry.QueueDueAsync(CancellationToken.None);
        var queued = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RegardingId == licenceId).ToListAsync());

        Assert.True(first >= 1);
        Assert.Equal(0, second);
        Assert.Equal(["manager@riverside.example", "therapist2@riverside.example"], queued.Select(m => m.Recipient).Order());
        Assert.All(queued, m => Assert.Equal("credential-expiring-60", m.Kind));
        Assert.All(queued, m => Assert.Equal("A credential expires in 55 days", m.Subject));
    }
}

public sealed class StaffMessageSqliteTests(SqliteMailApp app) : StaffMessageTests(app), IClassFixture<SqliteMailApp>;

public sealed class StaffMessagePostgreSqlTests(PostgreSqlMailApp app) : StaffMessageTests(app), IClassFixture<PostgreSqlMailApp>;
