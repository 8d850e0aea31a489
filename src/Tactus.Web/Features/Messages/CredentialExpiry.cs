using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Messages;

/// <summary>
/// A licence or certification running out (issue 13 §2): at 90, 60 and 30 days before it expires, the practitioner and
/// the organisation's programme managers are e-mailed once for each mark. The message for a mark is kept against the
/// credential (<see cref="OutboxMessage.RegardingId"/>), which is how a mark is never sent twice.
/// </summary>
public sealed class CredentialExpiry(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time)
{
    public static readonly int[] DaysBefore = [90, 60, 30];

    /// <summary>Queues the messages of every mark reached and not yet sent; returns how many credentials were announced.</summary>
    public async Task<int> QueueDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("credential-expiry");
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        var now = time.GetStorageNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var horizon = today.AddDays(DaysBefore.Max());
        var practitioners = await db.Practitioners.AsNoTracking()
            .Where(p => p.Licences.Any(l => l.ExpiresOn >= today && l.ExpiresOn <= horizon)
                || p.Certifications.Any(c => c.ExpiresOn != null && c.ExpiresOn >= today && c.ExpiresOn <= horizon))
            .ToListAsync(cancellationToken);
        var announced = 0;
        foreach (var practitioner in practitioners)
        {
            var credentials = practitioner.Licences.Select(l => (l.Id, What: $"Your {l.State} licence {l.Number}", ExpiresOn: (DateOnly?)l.ExpiresOn))
                .Concat(practitioner.Certifications.Select(c => (c.Id, What: $"Your {c.Code} certification", c.ExpiresOn)))
                .Where(c => c.ExpiresOn is { } on && on >= today && on <= horizon);
            foreach (var (id, what, expiresOn) in credentials)
            {
                var daysLeft = expiresOn!.Value.DayNumber - today.DayNumber;
                var mark = DaysBefore.Where(d => daysLeft <= d).Min();
                var kind = $"credential-expiring-{mark}";
                if (await db.OutboxMessages.AnyAsync(m => m.RegardingId == id && m.Kind == kind, cancellationToken))
                {
                    continue;
                }

                var recipients = await StaffMessages.ManagersAsync(db, practitioner.OrganizationId, practitioner.UserId, cancellationToken);
                var subject = $"A credential expires in {daysLeft} days";
                var body = $"{what} expires on {expiresOn:d MMMM yyyy}. Renew it, then record the new date in Tactus: {MessageLinks.To(configuration, "/Practitioners")}\n\n"
                    + "An expired licence stops booking, check-in and signing; an expired certification stops the techniques that need it.";
                db.OutboxMessages.AddRange(recipients.Select(email => new OutboxMessage
                {
                    OrganizationId = practitioner.OrganizationId, RegardingId = id, Kind = kind, Channel = MessageChannel.Email, Recipient = email,
                    Subject = subject, Body = body, CreatedAt = now, NextAttemptAt = now,
                }));
                await db.SaveChangesAsync(cancellationToken);
                announced++;
            }
        }

        return announced;
    }
}
