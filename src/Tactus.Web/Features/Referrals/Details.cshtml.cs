using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Practitioners;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Referrals;

public sealed class DetailsModel(TactusDbContext db, AccessScope scope, ReferralWorkflow workflow, AuditLog audit, TimeProvider time) : PageModel, IRedisplayablePage
{
    private Dictionary<Guid, string> _names = [];

    public Referral? Referral { get; private set; }
    public string PatientName { get; private set; } = "";
    public List<ReferralWorkflow.Step> Steps { get; private set; } = [];
    public List<Plans.PlanOfCare> Plans { get; private set; } = [];
    public List<Sessions.TreatmentSession> Sessions { get; private set; } = [];
    public List<Reports.OutcomeReport> Reports { get; private set; } = [];
    /// <summary>The referral's appointments still to come, and whether this person books them (the calendar's roles, while the referral is open).</summary>
    public List<Scheduling.Appointment> Upcoming { get; private set; } = [];
    public bool CanBook => scope.Role is Roles.Manager or Roles.Therapist
        && Referral?.Status is ReferralStatus.Accepted or ReferralStatus.Scheduled or ReferralStatus.InProgress;

    public bool IsAssignedTherapist => scope.Role == Roles.Therapist && Referral?.AssignedTherapistId == scope.UserId;

    /// <summary>Licensed therapists the manager can assign; null when the caller may not assign now.</summary>
    public List<SelectListItem>? Therapists { get; private set; }

    public string Name(Guid userId) => _names.GetValueOrDefault(userId, "a former staff member");

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostMoveAsync(Guid id, ReferralWorkflow.Step step, string? reason, CancellationToken cancellationToken)
    {
        if (await workflow.MoveAsync(id, step, reason, cancellationToken) is not { } moved)
        {
            await audit.RecordAsync(AuditActions.Update, AuditOutcomes.NotFound, nameof(Referrals.Referral), id.ToString());
            return NotFound();
        }

        TempData["Flash"] = $"The referral is now {Referral.Describe(moved.Status)}.";
        return RedirectToPage(new { id });
    }

    public Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken) =>
        Guid.TryParse(RouteData.Values["id"]?.ToString(), out var id) ? LoadAsync(id, cancellationToken) : Task.FromResult(false);

    public async Task<IActionResult> OnPostAssignAsync(Guid id, Guid? therapistId, CancellationToken cancellationToken)
    {
        if (therapistId is null)
        {
            throw new DomainRuleException("therapist-required", "Choose a therapist to assign.", 422);
        }

        if (await workflow.AssignAsync(id, therapistId.Value, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "The therapist was assigned and added to the patient's care team.";
        return RedirectToPage(new { id });
    }

    public static bool NeedsReason(ReferralWorkflow.Step step) =>
        step is ReferralWorkflow.Step.Decline or ReferralWorkflow.Step.Hold or ReferralWorkflow.Step.Cancel;

    public static string Label(ReferralWorkflow.Step step) => step switch
    {
        ReferralWorkflow.Step.Send => "Send to the programme",
        ReferralWorkflow.Step.Accept => "Accept",
        ReferralWorkflow.Step.Decline => "Decline",
        ReferralWorkflow.Step.Schedule => "Mark as scheduled",
        ReferralWorkflow.Step.Start => "Start treatment",
        ReferralWorkflow.Step.Hold => "Put on hold",
        ReferralWorkflow.Step.Resume => "Resume",
        ReferralWorkflow.Step.Discharge => "Discharge",
        ReferralWorkflow.Step.Cancel => "Cancel referral",
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (Referral is null)
        {
            await audit.RecordAsync(AuditActions.Read, AuditOutcomes.NotFound, nameof(Referrals.Referral), id.ToString());
            return false;
        }

        PatientName = (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == Referral.PatientId, cancellationToken)).FullName;
        var now = time.GetUtcNow();
        Upcoming = await db.Appointments.AsNoTracking().Where(a => a.ReferralId == id && a.Status == Scheduling.AppointmentStatus.Booked && a.StartsAt >= now)
            .OrderBy(a => a.StartsAt).Take(20).ToListAsync(cancellationToken);
        var ids = Referral.StatusChanges.Select(c => c.ByUserId).Concat(Upcoming.Select(a => a.TherapistId))
            .Append(Referral.ReferringClinicianId).Append(Referral.EnteredById).Append(Referral.AssignedTherapistId ?? Guid.Empty).Distinct().ToList();
        _names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        Steps = StepsFor(Referral);
        Plans = await db.Plans.AsNoTracking().Where(p => p.ReferralId == id).OrderBy(p => p.CreatedAt).ToListAsync(cancellationToken);
        Sessions = await db.TreatmentSessions.AsNoTracking().Where(s => s.ReferralId == id).OrderBy(s => s.CheckedInAt).ToListAsync(cancellationToken);
        Reports = await db.OutcomeReports.AsNoTracking().Where(r => r.ReferralId == id).OrderBy(r => r.CreatedAt).ToListAsync(cancellationToken);
        if (scope.Role is Roles.Manager or Roles.Administrator && Referral.Status is not (ReferralStatus.Draft or ReferralStatus.Sent) && !Referral.IsClosed)
        {
            Therapists = await LicensedTherapistsAsync(cancellationToken);
        }

        return true;
    }

    private List<ReferralWorkflow.Step> StepsFor(Referral referral) => [.. ReferralSteps.Available(referral, scope.Role, scope.UserId)];

    private async Task<List<SelectListItem>> LicensedTherapistsAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var therapistRole = await db.Roles.Where(r => r.Name == Roles.Therapist).Select(r => r.Id).SingleAsync(cancellationToken);
        var therapists = await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == therapistRole))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        var ids = therapists.Select(t => t.Id).ToList();
        var practitioners = await db.Practitioners.AsNoTracking().Where(p => ids.Contains(p.UserId)).ToDictionaryAsync(p => p.UserId, cancellationToken);
        return therapists.Select(t =>
        {
            var problem = CredentialRules.LicenceProblem(practitioners.GetValueOrDefault(t.Id), today);
            return new SelectListItem(problem is null ? t.DisplayName : $"{t.DisplayName} — cannot be assigned: {problem}", t.Id.ToString(),
                t.Id == Referral?.AssignedTherapistId, disabled: problem is not null);
        }).ToList();
    }
}
