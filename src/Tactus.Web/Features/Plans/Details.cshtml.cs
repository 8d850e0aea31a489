using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Plans;

public sealed class DetailsModel(TactusDbContext db, AccessScope scope, ClinicalReference reference, PlanWorkflow workflow, TimeProvider time) : PageModel, IRedisplayablePage
{
    private Dictionary<Guid, string> _names = [];

    public PlanOfCare? Plan { get; private set; }
    public string PatientName { get; private set; } = "";
    public bool CanSign => Plan?.Status == PlanStatus.Draft && scope.Role == Roles.Therapist && Plan.AuthorId == scope.UserId;
    public bool CanCertify { get; private set; }
    public bool RecertificationDue { get; private set; }

    public string Name(Guid? id) => id is { } known ? _names.GetValueOrDefault(known, "a former staff member") : "";

    public string TechniqueName(string id) => reference.FindTechnique(id)?.Name ?? id;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostSignAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, workflow.SignAsync, cancellationToken);

    public Task<IActionResult> OnPostCertifyAsync(Guid id, CancellationToken cancellationToken) => ActAsync(id, workflow.CertifyAsync, cancellationToken);

    public Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken) =>
        Guid.TryParse(RouteData.Values["id"]?.ToString(), out var id) ? LoadAsync(id, cancellationToken) : Task.FromResult(false);

    private async Task<IActionResult> ActAsync(Guid id, Func<Guid, CancellationToken, Task<PlanOfCare?>> action, CancellationToken cancellationToken) =>
        await action(id, cancellationToken) is null ? NotFound() : RedirectToPage(new { id });

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (Plan is null)
        {
            return false;
        }

        PatientName = (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == Plan.PatientId, cancellationToken)).FullName;
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == Plan.ReferralId, cancellationToken);
        CanCertify = Plan.Status == PlanStatus.Signed && scope.Role == Roles.Clinician && referral.ReferringClinicianId == scope.UserId;
        var visits = await db.TreatmentSessions.CountAsync(s => s.PlanId == Plan.Id && s.SignedAt != null, cancellationToken);
        RecertificationDue = Plan.RecertificationDue(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), visits);
        var ids = new[] { Plan.SignedById, Plan.CertifiedById }.OfType<Guid>().ToList();
        _names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return true;
    }
}
