using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Messages;

/// <summary>
/// Sends what the outbox holds (issue 13 §2). Each message is leased before it is sent, so two instances never send it
/// twice at once and one whose instance stopped mid-send is taken up again when the lease lapses. A failure is retried
/// after 1, 5, 15, 60 and 240 minutes; after the sixth attempt the message is marked failed for the administrator.
/// A channel with nothing configured (no SMTP server) leaves its messages waiting rather than failing them.
/// </summary>
public sealed class OutboxWorker(IServiceScopeFactory scopes, IEmailSender email, AlertEscalation escalation, CredentialExpiry credentials, TimeProvider time,
    IConfiguration configuration,
    ILogger<OutboxWorker> logger)
    : BackgroundService
{
    public const int MaxAttempts = 6;

    public const string SentCredentialBody = "(sent; the link it carried is not kept)";

    /// <summary>The kinds of message whose link is a credential (an invitation, a questionnaire link).</summary>
    private static readonly HashSet<string> CarriesCredential =
        [Admin.AccountMessages.StaffInvitation, Admin.AccountMessages.PortalInvitation, PatientMessages.QuestionnaireLinkKind];
    private const int BatchSize = 20;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(15), TimeSpan.FromHours(1), TimeSpan.FromHours(4)];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromSeconds(configuration.GetValue("Messages:PollSeconds", 10));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // The wait comes first, so a host (or a test) that has just started is not raced by a run it did not ask for.
                await Task.Delay(poll, stoppingToken);
                await escalation.EscalateAsync(stoppingToken);
                await credentials.QueueDueAsync(stoppingToken);
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "The outbox worker failed; it tries again at the next poll.");
            }
        }
    }

    /// <summary>Sends every message due now; returns how many were sent.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var text = scope.ServiceProvider.GetRequiredService<ITextSender>(); // a typed HttpClient: taken per run, not held

        // A channel with nothing configured leaves its messages waiting, unfailed, until it is.
        var channels = new List<MessageChannel>();
        if (email.Configured)
        {
            channels.Add(MessageChannel.Email);
        }

        if (text.Configured)
        {
            channels.Add(MessageChannel.Text);
        }

        if (channels.Count == 0)
        {
            return 0;
        }

        var sent = 0;
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("outbox");
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        var now = time.GetStorageNow();
        var due = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.SentAt == null && m.FailedAt == null && m.CancelledAt == null && m.NextAttemptAt <= now && channels.Contains(m.Channel))
            .OrderBy(m => m.NextAttemptAt).Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
        foreach (var id in due)
        {
            // Only one instance's update matches: the lease.
            var leased = await db.OutboxMessages.Where(m => m.Id == id && m.SentAt == null && m.CancelledAt == null && (m.LeasedUntil == null || m.LeasedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeasedUntil, now + Lease), cancellationToken);
            if (leased == 0)
            {
                continue;
            }

            var message = await db.OutboxMessages.SingleAsync(m => m.Id == id, cancellationToken);
            try
            {
                if (message.Channel == MessageChannel.Text)
                {
                    await text.SendAsync(message.Recipient, message.Body, cancellationToken);
                }
                else
                {
                    await email.SendAsync(message.Recipient, message.Subject, message.Body, cancellationToken);
                }
                message.SentAt = time.GetStorageNow();
                if (CarriesCredential.Contains(message.Kind))
                {
                    // A link that signs someone in or opens their questionnaire is a credential: once delivered, it
                    // is not kept at rest in the outbox, where a database read would otherwise find it.
                    message.Body = SentCredentialBody;
                }

                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                message.Attempts++;
                message.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
                if (message.Attempts >= MaxAttempts)
                {
                    message.FailedAt = time.GetStorageNow();
                }
                else
                {
                    message.NextAttemptAt = time.GetStorageNow() + Backoff[Math.Min(message.Attempts - 1, Backoff.Length - 1)];
                }

                logger.LogWarning("Sending message {Id} failed (attempt {Attempt}): {Error}", message.Id, message.Attempts, message.LastError);
            }

            message.LeasedUntil = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }
}
