using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Sessions;

public sealed class CheckInModel(TactusDbContext db, SessionWorkflow workflow, ClinicalReference reference, Questionnaires.Administer.DueMeasures dueMeasures,
    Questionnaires.OrganizationInstruments instruments, Coverage.AuthorizationCheck authorizations, Access.AccessScope scope, TimeProvider time) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid ReferralId { get; set; }

    [BindProperty]
    public CheckInInput Input { get; set; } = new();

    /// <summary>New medications, one per line (the form's text box for Input.Changes.NewMedications).</summary>
    [BindProperty]
    public string? NewMedicationLines { get; set; }

    /// <summary>New ICD-10-CM codes, separated by commas or spaces.</summary>
    [BindProperty]
    public string? NewDiagnosisCodes { get; set; }

    public string PatientName { get; private set; } = "";
    public Guid PatientId { get; private set; }
    public SafetySummary? Safety { get; private set; }
    public Questionnaires.Administer.DueMeasures.View? Due { get; private set; }
    public Questionnaires.Administer.MeasuresSummary? Measures { get; private set; }
    public IReadOnlyList<ClinicalReference.BodyRegion> Regions => reference.Regions;

    /// <summary>Today's visit under this referral, if the patient is already checked in.</summary>
    public TreatmentSession? TodaysVisit { get; private set; }

    /// <summary>What the payer's authorisation says about today's visit: a problem (override needed) or a warning that it is running out.</summary>
    public Coverage.VisitCoverage? Coverage { get; private set; }

    /// <summary>Only the therapist assigned to the referral checks its patient in: anyone else is refused before the page renders.</summary>
    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        !await LoadAsync(cancellationToken) ? NotFound() : AssignedTherapistId != scope.UserId ? Forbid() : Page();

    private Guid? AssignedTherapistId { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Input.Changes.NewMedications = Lines(NewMedicationLines, '\n');
        Input.Changes.NewDiagnoses = Lines(NewDiagnosisCodes, ',', ' ', '\n');
        foreach (var problem in Input.Changes.Validate(new(Input.Changes)))
        {
            ModelState.AddModelError($"Input.Changes.{problem.MemberNames.FirstOrDefault()}", problem.ErrorMessage ?? "");
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        var outcome = await workflow.CheckInAsync(ReferralId, Input, cancellationToken);
        if (outcome is null)
        {
            return NotFound();
        }

        var warnings = outcome.Session.CheckIn.Warnings ?? [];
        TempData["Flash"] = outcome.AlreadyCheckedIn
            ? "The patient is already checked in today: this is today's visit. To start another visit today, check in again and choose \"another visit today\"."
            : warnings.Count > 0 ? "Checked in. Screening found: " + string.Join("; ", warnings) + "." : "Checked in. Screening found nothing new.";
        return RedirectToPage("/Sessions/Edit", new { id = outcome.Session.Id });
    }

    public Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    private static List<string> Lines(string? text, params char[] separators) =>
        (text ?? "").Split(separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ReferralId, cancellationToken);
        if (referral is null)
        {
            return false;
        }

        PatientId = referral.PatientId;
        AssignedTherapistId = referral.AssignedTherapistId;
        PatientName = (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == referral.PatientId, cancellationToken)).FullName;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        TodaysVisit = await db.TreatmentSessions.AsNoTracking().Where(s => s.ReferralId == ReferralId && s.SessionDate == today)
            .OrderByDescending(s => s.VisitOfDay).FirstOrDefaultAsync(cancellationToken);
        Safety = await SafetySummary.BuildAsync(db, reference, referral.PatientId, canClear: false, cancellationToken);
        Due = await dueMeasures.ForVisitAsync(referral.Id, null, cancellationToken);
        Measures = await Features.Questionnaires.Administer.MeasuresSummary.BuildAsync(db, instruments, referral.PatientId, canAdminister: false, cancellationToken);
        Coverage = await authorizations.ForVisitAsync(referral.PatientId, referral.Id, today, null, cancellationToken);
        return true;
    }
}
