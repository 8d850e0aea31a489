using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Features.Scheduling;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Messages;
using Tactus.Web.Features.Scheduling;

namespace Tactus.Tests.Features.Messages;

/// <summary>
/// Messages that leave Tactus (issue 13 §2): the booking's confirmation and reminders are written with the booking, sent
/// through a real SMTP server on 127.0.0.1, carry no clinical detail, survive the mail server being down (retried with
/// backoff), a visit cancelled or a worker stopped mid-send loses or doubles nothing, and a questionnaire link reaches the patient.
/// </summary>
public abstract class OutboxTests(MailApp app)
{
    private OutboxWorker Worker => app.Services.GetRequiredService<OutboxWorker>();

    [Fact]
    public async Task ABooking_SendsItsConfirmation_WithoutClinicalDetail_AndQueuesItsReminders()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var (referral, patientId, email) = await ReferralWithEmailAsync();
        var manager = await app.AsAsync(Roles.Manager);
        var startsAt = data.Weekday(19, 9, 30);

        var booked = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, startsAt)));
        var clash = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, startsAt)));
        var queued = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.PatientId == patientId).ToListAsync());
        var sent = await Worker.SendDueAsync(CancellationToken.None);
        var message = Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email));
        var stored = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.PatientId == patientId && m.Kind == AppointmentMessages.Booked));
        var patient = await app.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId));

        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        Assert.False(clash.IsSuccessStatusCode);
        Assert.Single(queued, m => m.Kind == AppointmentMessages.Booked); // the refused second booking wrote nothing
        Assert.Equal([startsAt.AddHours(-48).UtcDateTime, startsAt.AddHours(-2).UtcDateTime],
            queued.Where(m => m.Kind == AppointmentMessages.Reminder).Select(m => m.NextAttemptAt.UtcDateTime).Order());
        Assert.True(sent >= 1);
        Assert.Equal("Your appointment at Riverside Integrative Health", message.Subject);
        Assert.Contains("09:30 (America/Los_Angeles)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("/Portal", message.TextBody, StringComparison.Ordinal);
        foreach (var clinical in new[] { "M54.50", "low back", "warfarin", patient.FamilyName })
        {
            Assert.DoesNotContain(clinical, message.TextBody + message.Subject, StringComparison.OrdinalIgnoreCase);
        }

        Assert.NotNull(stored.SentAt);
    }

    [Fact]
    public async Task WhileTheMailServerIsDown_TheMessageWaits_AndIsSentOnceItIsBack()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var (referral, patientId, email) = await ReferralWithEmailAsync();
        var manager = await app.AsAsync(Roles.Manager);
        await app.Smtp.StopAsync();
        try
        {
            await BookAsync(manager, data.Booking(referral, data.Weekday(20, 14, 30)));
            await Worker.SendDueAsync(CancellationToken.None);
        }
        finally
        {
            app.Smtp.Start();
        }

        var failed = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.PatientId == patientId && m.Kind == AppointmentMessages.Booked));
        await Worker.SendDueAsync(CancellationToken.None); // not yet: the backoff has not passed
        var early = app.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == email));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Worker.SendDueAsync(CancellationToken.None);
        var stored = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.PatientId == patientId && m.Kind == AppointmentMessages.Booked));
        var administrator = await app.AsAsync(Roles.Administrator);
        var page = await administrator.GetStringAsync("/Admin/Messages");
        var managerPage = await (await app.AsAsync(Roles.Manager)).GetAsync("/Admin/Messages");

        Assert.Equal((1, null), (failed.Attempts, failed.SentAt));
        Assert.Contains("refused", failed.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, early);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email));
        Assert.NotNull(stored.SentAt);
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", managerPage.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    /// <summary>
    /// A worker that stopped mid-send leaves its message leased and unsent: no other worker takes it while the lease
    /// holds, and once it lapses the message is sent (at least once, never lost).
    /// </summary>
    [Fact]
    public async Task AMessageLeftLeasedByAStoppedWorker_IsSentOnceTheLeaseLapses()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var (referral, patientId, email) = await ReferralWithEmailAsync();
        var manager = await app.AsAsync(Roles.Manager);
        await BookAsync(manager, data.Booking(referral, data.Weekday(21, 16)));
        var leasedUntil = app.Clock.GetUtcNow().AddMinutes(2).UtcDateTime;
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.PatientId == patientId && m.Kind == AppointmentMessages.Booked)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, new DateTimeOffset(leasedUntil, TimeSpan.Zero))));

        await Worker.SendDueAsync(CancellationToken.None);
        var whileLeased = app.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == email));
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await Worker.SendDueAsync(CancellationToken.None);

        Assert.Equal(0, whileLeased);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email));
    }

    /// <summary>
    /// The organisation words its own confirmation (Admin → Messages); a wording with a placeholder that does not exist,
    /// or without the link, is refused and changes nothing.
    /// </summary>
    [Fact]
    public async Task TheOrganisationsOwnWording_IsUsed_AndAWordingThatCouldCarryMoreIsRefused()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var administrator = await app.AsAsync(Roles.Administrator);
        const string Page = "/Admin/Messages";
        const string Save = "/Admin/Messages?handler=Wording&kind=appointment-booked";
        var unknown = await administrator.PostFormAsync(Page, new() { ["subject"] = "Visit", ["body"] = "Your {diagnosis} visit: {link}" }, Save);
        var noLink = await administrator.PostFormAsync(Page, new() { ["subject"] = "Visit", ["body"] = "See you {when}." }, Save);
        var refusedWording = await app.WithDbAsync(db => db.MessageTemplates.CountAsync());
        var saved = await administrator.PostFormAsync(Page, new()
        {
            ["subject"] = "See you soon at {organization}", ["body"] = "We look forward to seeing you {when}. Details and changes: {link}",
        }, Save);

        var (referral, _, email) = await ReferralWithEmailAsync();
        var manager = await app.AsAsync(Roles.Manager);
        await BookAsync(manager, data.Booking(referral, data.Weekday(27, 11)));
        await Worker.SendDueAsync(CancellationToken.None);
        var message = Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email));
        await administrator.PostFormAsync(Page, new() { ["subject"] = "", ["body"] = "" }, Save); // back to Tactus's own, for the other tests

        Assert.Contains("Unknown placeholder {diagnosis}", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("must contain {link}", await noLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, refusedWording);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("See you soon at Riverside Integrative Health", message.Subject);
        Assert.StartsWith("We look forward to seeing you ", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("11:00 (America/Los_Angeles)", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("/Portal", message.TextBody, StringComparison.Ordinal);
    }

    /// <summary>Reminders wait for their moment; a cancelled visit's reminders still ahead are withdrawn, never sent.</summary>
    [Fact]
    public async Task Reminders_ArriveAtTheirTime_AndACancelledVisitsAreWithdrawn()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var (referral, _, email) = await ReferralWithEmailAsync();
        var manager = await app.AsAsync(Roles.Manager);
        var startsAt = data.Weekday(24, 13);
        var visit = await (await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, startsAt)))).ReadAsync<AppointmentDto>();
        await Worker.SendDueAsync(CancellationToken.None); // the confirmation

        app.Clock.SetUtcNow(startsAt.AddHours(-47).ToUniversalTime());
        await Worker.SendDueAsync(CancellationToken.None);
        var reminded = app.Smtp.Received.Where(m => m.To.Mailboxes.Any(b => b.Address == email)).Select(m => m.Subject).ToList();
        manager = await app.AsAsync(Roles.Manager);
        Assert.True((await manager.PostAsync($"/api/appointments/{visit!.Id}/cancel", Json.Body("""{"reason":"Feeling unwell"}"""))).IsSuccessStatusCode);
        app.Clock.SetUtcNow(startsAt.AddHours(-1).ToUniversalTime());
        await Worker.SendDueAsync(CancellationToken.None);
        var afterCancelling = app.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == email));
        var withdrawn = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.RegardingId == visit.Id && m.SentAt == null));

        Assert.Equal(["Reminder: your appointment at Riverside Integrative Health", "Your appointment at Riverside Integrative Health"], reminded.Order());
        Assert.Equal(2, afterCancelling);
        Assert.NotNull(withdrawn.CancelledAt);
    }

    /// <summary>A questionnaire link reaches the patient by e-mail, names no questionnaire, and opens the questions.</summary>
    [Fact]
    public async Task AQuestionnaireLink_IsEmailedToThePatient_AndOpensTheQuestions()
    {
        var (_, patientId, email) = await ReferralWithEmailAsync();
        var clinician = await app.AsAsync(Roles.Clinician);

        var created = await clinician.PostFormAsync($"/Patients/Details/{patientId}", new() { ["instruments"] = "PHQ-9" }, $"/Patients/Details/{patientId}?handler=SendLink");
        await Worker.SendDueAsync(CancellationToken.None);
        var message = Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email) && m.Subject!.StartsWith("Questions", StringComparison.Ordinal));
        var link = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"https?://\S+/q/[A-Za-z0-9_-]+").Value;
        var opened = await app.CreateBrowserlessClient().GetAsync(new Uri(link).PathAndQuery);

        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        Assert.NotEmpty(link);
        Assert.DoesNotContain("PHQ", message.TextBody, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(System.Net.HttpStatusCode.OK, opened.StatusCode);
    }

    private static async Task BookAsync(HttpClient manager, string booking)
    {
        var response = await manager.PostAsync("/api/appointments", Json.Body(booking));
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private async Task<(Guid Referral, Guid Patient, string Email)> ReferralWithEmailAsync()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Mailtest" + Guid.NewGuid().ToString("N")[..6]);
        var email = $"patient-{Guid.NewGuid():N}@example.org";
        await app.WithDbAsync(async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == loop.PatientId);
            patient.Email = email;
            return await db.SaveChangesAsync();
        });
        return (loop.ReferralId, loop.PatientId, email);
    }
}

public sealed class OutboxSqliteTests(SqliteMailApp app) : OutboxTests(app), IClassFixture<SqliteMailApp>;

public sealed class OutboxPostgreSqlTests(PostgreSqlMailApp app) : OutboxTests(app), IClassFixture<PostgreSqlMailApp>;
