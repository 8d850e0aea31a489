using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Features.Scheduling;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Messages;

namespace Tactus.Tests.Features.Messages;

/// <summary>
/// Messages that leave Tactus (issue 13 §2): the booking's confirmation is written with the booking, sent through a real
/// SMTP server on 127.0.0.1, carries no clinical detail, and survives the mail server being down (retried with backoff).
/// </summary>
public abstract class OutboxTests(MailApp app)
{
    private OutboxWorker Worker => app.Services.GetRequiredService<OutboxWorker>();

    [Fact]
    public async Task ABooking_SendsItsConfirmation_WithoutClinicalDetail()
    {
        var data = await SchedulingTestData.LoadAsync(app);
        var (referral, patientId, email) = await ReferralWithEmailAsync();
        var manager = await app.AsAsync(Roles.Manager);

        var booked = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Weekday(19, 9, 30))));
        var clash = await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Weekday(19, 9, 30))));
        var queued = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.PatientId == patientId).ToListAsync());
        var sent = await Worker.SendDueAsync(CancellationToken.None);
        var message = Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email));
        var stored = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.PatientId == patientId));
        var patient = await app.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId));

        Assert.True(booked.IsSuccessStatusCode, await booked.Content.ReadAsStringAsync());
        Assert.False(clash.IsSuccessStatusCode);
        Assert.Single(queued); // the refused second booking wrote no message
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
            Assert.True((await manager.PostAsync("/api/appointments", Json.Body(data.Booking(referral, data.Weekday(20, 15))))).IsSuccessStatusCode);
            await Worker.SendDueAsync(CancellationToken.None);
        }
        finally
        {
            app.Smtp.Start();
        }

        var failed = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.PatientId == patientId));
        await Worker.SendDueAsync(CancellationToken.None); // not yet: the backoff has not passed
        var early = app.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == email));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await Worker.SendDueAsync(CancellationToken.None);
        var stored = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.PatientId == patientId));

        Assert.Equal((1, null), (failed.Attempts, failed.SentAt));
        Assert.NotNull(failed.LastError);
        Assert.True(failed.NextAttemptAt > app.Clock.GetUtcNow().AddMinutes(-2));
        Assert.Equal(0, early);
        Assert.Single(app.Smtp.Received, m => m.To.Mailboxes.Any(b => b.Address == email));
        Assert.NotNull(stored.SentAt);
        var administrator = await app.AsAsync(Roles.Administrator);
        var page = await administrator.GetStringAsync("/Admin/Messages");
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.Contains("Connection refused", stored.LastError ?? failed.LastError, StringComparison.OrdinalIgnoreCase);
        var managerPage = await manager.GetAsync("/Admin/Messages");
        Assert.StartsWith("/Account/AccessDenied", managerPage.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
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
