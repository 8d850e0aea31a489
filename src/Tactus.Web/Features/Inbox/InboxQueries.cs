using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Reports;

namespace Tactus.Web.Features.Inbox;

/// <summary>
/// What is waiting for the signed-in person: open safety alerts addressed to them (all open alerts for a
/// manager), reports sent to them and not yet acknowledged, and report drafts of theirs not yet sent.
/// </summary>
public sealed class InboxQueries(TactusDbContext db, AccessScope scope)
{
    public sealed record Contents(IReadOnlyList<SafetyAlert> Alerts, IReadOnlyList<OutcomeReport> ToAcknowledge, IReadOnlyList<OutcomeReport> Drafts,
        IReadOnlyDictionary<Guid, string> PatientNames);

    public async Task<int> CountAsync(CancellationToken cancellationToken)
    {
        if (scope.UserId is not { } me || !IsCareRole)
        {
            return 0;
        }

        return await Alerts(me).CountAsync(cancellationToken) + await ToAcknowledge(me).CountAsync(cancellationToken) + await Drafts(me).CountAsync(cancellationToken);
    }

    public async Task<Contents> LoadAsync(CancellationToken cancellationToken)
    {
        if (scope.UserId is not { } me || !IsCareRole)
        {
            return new Contents([], [], [], new Dictionary<Guid, string>());
        }

        var alerts = await Alerts(me).OrderBy(a => a.RaisedAt).ToListAsync(cancellationToken);
        var toAcknowledge = await ToAcknowledge(me).OrderBy(r => r.SentAt).ToListAsync(cancellationToken);
        var drafts = await Drafts(me).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        var patientIds = alerts.Select(a => a.PatientId).Concat(toAcknowledge.Select(r => r.PatientId)).Concat(drafts.Select(r => r.PatientId)).Distinct().ToList();
        var names = await Patients.PatientNames.ForAsync(db, patientIds, cancellationToken);
        return new Contents(alerts, toAcknowledge, drafts, names);
    }

    private bool IsCareRole => scope.Role is Roles.Therapist or Roles.Clinician or Roles.Manager;

    private IQueryable<SafetyAlert> Alerts(Guid me) => db.SafetyAlerts.AsNoTracking()
        .Where(a => a.AcknowledgedAt == null && (scope.Role == Roles.Manager || a.Recipients.Contains(me)));

    private IQueryable<OutcomeReport> ToAcknowledge(Guid me) => db.OutcomeReports.AsNoTracking()
        .Where(r => r.Status == ReportStatus.Sent && r.Recipients.Contains(me));

    private IQueryable<OutcomeReport> Drafts(Guid me) => db.OutcomeReports.AsNoTracking()
        .Where(r => r.Status == ReportStatus.Draft && r.AuthorId == me);
}
