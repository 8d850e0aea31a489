using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Patients;
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

    public const int PageSize = 50;

    [Microsoft.AspNetCore.Mvc.BindProperty(Name = "pageNumber", SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    public int AwaitingTotal { get; private set; }
    public int AdverseTotal { get; private set; }
    public int PageCount => Math.Max(1, (Math.Max(AwaitingTotal, AdverseTotal) + PageSize - 1) / PageSize);

    public string PageLink(int page) => $"/Plans?pageNumber={page}";

    /// <summary>
    /// Both lists are chosen, ordered, counted and paged by the database: a clinic with years of plans and notes
    /// shows the longest-waiting plan first and every adverse event, not whatever the first few hundred rows held.
    /// </summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var awaiting = AwaitingQuery(today);
        AwaitingTotal = await awaiting.CountAsync(cancellationToken);
        // The columns shown, not the plans with their goals and measures joined in.
        var plans = await awaiting
            .OrderBy(p => p.SignedAt ?? p.CreatedAt).ThenBy(p => p.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(p => new AwaitingRow(p.Id, p.PatientId, p.Status, p.SignedAt ?? p.CreatedAt))
            .ToAuditedListAsync(db, nameof(PlanOfCare), p => p.Id, p => p.PatientId, cancellationToken);
        var planNames = await PatientNames.ForAsync(db, plans.Select(p => p.PatientId).Distinct().ToList(), cancellationToken);
        // Every certified plan in the queue is there because its re-certification is due (AwaitingQuery).
        Awaiting = plans.Select(p => new PlanItem(p.Id, planNames.GetValueOrDefault(p.PatientId, ""), p.Status, p.Since,
            p.Status == PlanStatus.Certified)).ToList();

        var adverse = db.TreatmentSessions.Where(s => s.WorstAdverseEvent != null && s.SignedAt != null);
        AdverseTotal = await adverse.CountAsync(cancellationToken);
        var sessions = await adverse.AsNoTracking()
            .OrderByDescending(s => s.WorstAdverseEvent).ThenByDescending(s => s.SessionDate).ThenBy(s => s.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var sessionNames = await PatientNames.ForAsync(db, sessions.Select(s => s.PatientId).Distinct().ToList(), cancellationToken);
        AdverseEvents = sessions.SelectMany(s => s.Note.AdverseEvents.OrderByDescending(a => a.Severity)
            .Select(a => new AdverseItem(s.Id, sessionNames.GetValueOrDefault(s.PatientId, ""), s.SessionDate, a.Kind, a.Severity, a.Note))).ToList();
    }

    private sealed record AwaitingRow(Guid Id, Guid PatientId, PlanStatus Status, DateTimeOffset Since);

    private IQueryable<PlanOfCare> AwaitingQuery(DateOnly today) => PlanQueue.Awaiting(db, scope.Role, scope.UserId ?? Guid.Empty, today);
}
