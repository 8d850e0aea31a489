using Microsoft.EntityFrameworkCore;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Messages;

namespace Tactus.Tests.Features.Portal;

/// <summary>
/// Secure messages with the care team (issue 13 §4): the patient writes beside the crisis line; the care team is told
/// by e-mail that a message waits, never what it says; it waits in the team's inbox, not in another therapist's,
/// until someone answers on the record; the answer reaches the portal.
/// </summary>
public abstract class CareMessagesTests(MailApp app)
{
    private const string Password = "Thistle-beacon-violet-72";

    [Fact]
    public async Task APatientsMessage_ReachesTheCareTeam_WhoAnswerOnTheRecord()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Messages" + Guid.NewGuid().ToString("N")[..6]);
        var email = $"messages-{loop.PatientId:N}@example.org";
        var portal = await app.PortalAsync(loop.PatientId, email, Password);
        await app.WithDbAsync(async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == loop.PatientId);
            patient.Email = email;
            return await db.SaveChangesAsync();
        });
        const string Words = "My shoulder felt sore for two days after the last visit";

        var page = await portal.GetStringAsync("/Portal/Messages");
        var empty = await portal.PostFormAsync("/Portal/Messages", new() { ["Body"] = "  " });
        var sent = await portal.PostFormAsync("/Portal/Messages", new() { ["Body"] = Words });
        await app.Services.GetRequiredService<OutboxWorker>().SendDueAsync(CancellationToken.None);
        var told = app.Smtp.Received.Where(m => m.Subject == "A patient sent a message in Tactus").ToList();
        var therapistInbox = await loop.Therapist.GetStringAsync("/Inbox");
        var colleague = app.CreateBrowserlessClient();
        await colleague.PostLoginAsync("therapist2@riverside.example", DemoClinic.Password);
        var colleagueInbox = await colleague.GetStringAsync("/Inbox");
        var record = $"/Patients/Details/{loop.PatientId}";
        var answered = await loop.Therapist.PostFormAsync(record, new() { ["body"] = "Thank you; we will use lighter pressure on the shoulder next time." }, $"{record}?handler=Reply");
        var afterAnswer = await loop.Therapist.GetStringAsync("/Inbox");
        await app.Services.GetRequiredService<OutboxWorker>().SendDueAsync(CancellationToken.None);
        var toldPatient = Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email));
        var thread = await portal.GetStringAsync("/Portal/Messages");

        Assert.Contains("data-testid=\"crisis-line\"", page, StringComparison.Ordinal);
        Assert.Contains("988", page, StringComparison.Ordinal);
        Assert.Contains("Write the message first.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains(told, m => m.To.Mailboxes.Any(b => b.Address == "therapist@riverside.example"));
        Assert.All(told, m => Assert.DoesNotContain("shoulder", m.TextBody, StringComparison.OrdinalIgnoreCase));
        Assert.Contains($"{record}#messages", therapistInbox, StringComparison.Ordinal);
        Assert.DoesNotContain($"{record}#messages", colleagueInbox, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.DoesNotContain($"{record}#messages", afterAnswer, StringComparison.Ordinal);
        Assert.Contains("lighter pressure on the shoulder", thread, StringComparison.Ordinal);
        Assert.Contains("/Portal/Messages", toldPatient.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("shoulder", toldPatient.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(Words, thread, StringComparison.Ordinal);
    }
}

public sealed class CareMessagesSqliteTests(SqliteMailApp app) : CareMessagesTests(app), IClassFixture<SqliteMailApp>;

public sealed class CareMessagesPostgreSqlTests(PostgreSqlMailApp app) : CareMessagesTests(app), IClassFixture<PostgreSqlMailApp>;
