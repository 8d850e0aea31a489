using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Patients;

public sealed class DetailsModel(TactusDbContext db, AccessScope scope, AuditLog audit, TimeProvider time,
    Screening.ClinicalReference reference, Intake.IntakeWorkflow intake, Questionnaires.OrganizationInstruments instruments,
    Questionnaires.MeasureWorkflow measures, Questionnaires.InvitationWorkflow invitations, Smart.SmartApps apps) : PageModel, Web.IRedisplayablePage
{
    /// <summary>Apps the organisation registered with a launch URL, opened for this patient (SMART EHR launch): the clinical roles only.</summary>
    public IReadOnlyList<Smart.SmartApps.Launchable> Apps { get; private set; } = [];

    public Patient? Patient { get; private set; }
    public PatientSummary Summary { get; private set; } = null!;
    public bool CanEdit => PatientAccessRules.CanEditPatients(scope.Role);

    public bool CanBill => scope.Role is Roles.Biller or Roles.Manager or Roles.Administrator;
    public bool CanRefer => scope.Role is Roles.Clinician or Roles.Manager or Roles.Administrator;
    public List<Referrals.Referral> Referrals { get; private set; } = [];
    public Intake.SafetySummary Safety { get; private set; } = null!;
    public Timeline.PatientTimeline Timeline { get; private set; } = null!;
    public Questionnaires.Administer.MeasuresSummary Measures { get; private set; } = null!;

    /// <summary>The link is shown once, here; only its hash is stored.</summary>
    public async Task<IActionResult> OnPostSendLinkAsync(Guid id, List<string> instruments, CancellationToken cancellationToken)
    {
        if (await invitations.CreateAsync(id, instruments, cancellationToken) is not { } created)
        {
            return NotFound();
        }

        // Shown once, on the next page only: the token is not stored, only its hash.
        TempData["PatientLink"] = $"{Request.Scheme}://{Request.Host}/q/{created.Token}";
        TempData["PatientLinkExpires"] = created.Invitation.ExpiresAt.UtcDateTime; // TempData keeps a DateTime as a DateTime
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid id, Guid alertId, string? actionTaken, CancellationToken cancellationToken)
    {
        if (await measures.AcknowledgeAsync(alertId, actionTaken, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "Safety alert acknowledged.";
        return RedirectToPage(new { id });
    }
    /// <summary>Inviting a patient to the portal is account administration (issue 13 §5): the administrator and the manager.</summary>
    public bool CanInviteToPortal => scope.Role is Roles.Administrator or Roles.Manager;

    public bool HasPortalAccount { get; private set; }

    /// <summary>The patient's secure messages, for the care roles (issue 13 §4); null for anyone else.</summary>
    public Portal.CareMessagesPanel? Messages { get; private set; }

    public bool CanMessage => scope.Role is Roles.Therapist or Roles.Clinician or Roles.Manager;

    public async Task<IActionResult> OnPostReplyAsync(Guid id, string? body, [FromServices] Portal.CareMessages messages, CancellationToken cancellationToken)
    {
        if (!CanMessage)
        {
            return Forbid();
        }

        await messages.ReplyAsync(id, body, cancellationToken);
        TempData["Flash"] = "Your answer is in the patient's portal.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostInvitePortalAsync(Guid id, [FromServices] Admin.StaffAccounts accounts, CancellationToken cancellationToken)
    {
        if (!CanInviteToPortal)
        {
            return Forbid();
        }

        await accounts.InvitePatientAsync(id, cancellationToken);
        TempData["Flash"] = "The patient is invited to the portal: the e-mail lets them choose a password within 7 days.";
        return RedirectToPage(new { id });
    }

    public bool CanRecordIntake => scope.Role is Roles.Therapist or Roles.Manager or Roles.Administrator or Roles.Clinician;

    public async Task<IActionResult> OnPostClearAsync(Guid id, Guid findingId, string? reason, CancellationToken cancellationToken)
    {
        if (await intake.ClearAsync(id, findingId, reason, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "Clearance recorded.";
        return RedirectToPage(new { id });
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken) =>
        Guid.TryParse(RouteData.Values["id"]?.ToString(), out var id) && await OnGetAsync(id, cancellationToken) is PageResult;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Patient = await db.Patients.FindWithDetailsAsync(id, cancellationToken);
        if (Patient is null)
        {
            await audit.RecordAsync(AuditActions.Read, AuditOutcomes.NotFound, nameof(Patients.Patient), id.ToString());
            return NotFound();
        }

        Summary = await PatientSummary.BuildAsync(db, Patient, time, cancellationToken);
        Safety = await Intake.SafetySummary.BuildAsync(db, reference, id, scope.Role == Roles.Clinician, cancellationToken);
        Measures = await Features.Questionnaires.Administer.MeasuresSummary.BuildAsync(db, instruments, id,
            scope.Role is Roles.Therapist or Roles.Clinician or Roles.Manager or Roles.Administrator, cancellationToken);
        Timeline = await Features.Timeline.PatientTimeline.BuildAsync(db, id, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), cancellationToken);
        Referrals = await db.Referrals.AsNoTracking().Where(r => r.PatientId == id).OrderByDescending(r => r.CreatedAt).ToListAsync(cancellationToken);
        HasPortalAccount = CanInviteToPortal && await db.Users.AnyAsync(u => u.PatientId == id, cancellationToken);
        Messages = CanMessage
            ? new Portal.CareMessagesPanel(id, await db.CareMessages.AsNoTracking().Where(m => m.PatientId == id).OrderByDescending(m => m.SentAt).Take(50).ToListAsync(cancellationToken))
            : null;
        Apps = PatientAccessRules.CanReadClinicalRecords(scope.Role) ? await apps.LaunchableAsync(scope.OrganizationId!.Value, cancellationToken) : [];
        return Page();
    }
}
