using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Plans;

/// <summary>
/// Plans to act on (a clinician's certifications, a therapist's unsigned plans and re-certifications,
/// everything for the manager) and adverse events from signed notes, flagged for review.
/// </summary>
public sealed class IndexModel(TactusDbContext db, AccessScope scope, TimeProvider time) : PageModel
{
    public sealed record PlanItem(Guid PlanId, string PatientName, PlanStatus Status, DateTimeOffset Since, bool RecertificationDue);

    public sealed record AdverseItem(Guid SessionId, string PatientName, DateOnly SessionDate, string Kind, AdverseSeverity Severity, string? Note);

    public List<PlanItem> Awaiting { get; private set; } = [];
    public List<AdverseItem> AdverseEvents { get; private set; } = [];

    public string Heading => scope.Role == Roles.Clinician ? "Plans to certify" : "Plans and safety review";

    public string AwaitingHeading => scope.Role switch
    {
        Roles.Clinician => "Awaiting your certification",
        Roles.Therapist => "Your plans to sign or re-certify",
        _ => "Plans not yet certified, or due for re-certification",
    };

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var plans = await db.Plans.AsNoTracking().OrderBy(p => p.CreatedAt).Take(500).ToListAsync(cancellationToken);
        var referrals = await db.Referrals.AsNoTracking().Where(r => plans.Select(p => p.ReferralId).Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var visits = await db.TreatmentSessions.AsNoTracking().Where(s => s.PlanId != null && s.SignedAt != null)
            .GroupBy(s => s.PlanId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var relevant = plans.Where(p => scope.Role switch
        {
            Roles.Clinician => p.Status == PlanStatus.Signed && referrals[p.ReferralId].ReferringClinicianId == scope.UserId,
            Roles.Therapist => p.AuthorId == scope.UserId && (p.Status == PlanStatus.Draft || p.RecertificationDue(today, visits.GetValueOrDefault(p.Id))),
            _ => p.Status != PlanStatus.Certified || p.RecertificationDue(today, visits.GetValueOrDefault(p.Id)),
        }).ToList();
        var names = await PatientNamesAsync(relevant.Select(p => p.PatientId), cancellationToken);
        Awaiting = relevant.Select(p => new PlanItem(p.Id, names[p.PatientId], p.Status, p.SignedAt ?? p.CreatedAt,
            p.RecertificationDue(today, visits.GetValueOrDefault(p.Id)))).ToList();

        var sessions = await db.TreatmentSessions.AsNoTracking().Where(s => s.SignedAt != null).OrderByDescending(s => s.SessionDate).Take(500).ToListAsync(cancellationToken);
        var withEvents = sessions.Where(s => s.Note.AdverseEvents.Count > 0).ToList();
        var sessionNames = await PatientNamesAsync(withEvents.Select(s => s.PatientId), cancellationToken);
        AdverseEvents = withEvents.SelectMany(s => s.Note.AdverseEvents.Select(a => new AdverseItem(s.Id, sessionNames[s.PatientId], s.SessionDate, a.Kind, a.Severity, a.Note)))
            .OrderByDescending(a => a.Severity).ToList();
    }

    private Task<Dictionary<Guid, string>> PatientNamesAsync(IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        var list = ids.Distinct().ToList();
        return db.Patients.AsNoTracking().Where(p => list.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.GivenName + " " + p.FamilyName, cancellationToken);
    }
}
