using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Questionnaires;

namespace Tactus.Web.Features.Messages;

/// <summary>
/// An urgent safety alert (a positive safety item, clinical.md §1.2) that nobody has acknowledged after
/// <c>Messages:EscalateUrgentAlertAfterMinutes</c> (60 by default) is escalated to the organisation's programme managers by
/// e-mail (issue 13 §2). Each alert escalates once: the claim on it and its messages commit together.
/// </summary>
public sealed class AlertEscalation(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider time)
{
    /// <summary>Escalates every alert now overdue; returns how many.</summary>
    public async Task<int> EscalateAsync(CancellationToken cancellationToken)
    {
        var after = TimeSpan.FromMinutes(configuration.GetValue("Messages:EscalateUrgentAlertAfterMinutes", 60));
        var escalated = 0;
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("alert-escalation");
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        var now = time.GetStorageNow();
        var due = now - after;
        var overdue = await db.SafetyAlerts.AsNoTracking()
            .Where(a => a.Kind == SafetyAlert.Positive && a.AcknowledgedAt == null && a.EscalatedAt == null && a.RaisedAt <= due)
            .OrderBy(a => a.RaisedAt).Take(50).ToListAsync(cancellationToken);
        foreach (var alert in overdue)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Only one instance's update matches: the escalation is claimed once.
            var claimed = await db.SafetyAlerts.Where(a => a.Id == alert.Id && a.EscalatedAt == null && a.AcknowledgedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.EscalatedAt, now), cancellationToken);
            if (claimed == 0)
            {
                continue;
            }

            var managers = await StaffMessages.ManagersAsync(db, alert.OrganizationId, null, cancellationToken);
            db.OutboxMessages.AddRange(managers.Select(email =>
                StaffMessages.SafetyAlertEscalated(alert.OrganizationId, alert.PatientId, email, MessageLinks.To(configuration, "/Inbox"), after, now)));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            escalated++;
        }

        return escalated;
    }
}
