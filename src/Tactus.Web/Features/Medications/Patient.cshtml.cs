using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Utilisation;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Medications;

/// <summary>
/// A patient's opioids and health-care use (issue 14 §2), kept by the clinical staff who see the patient: what the
/// programme follows across an episode (MME per day, imaging, injections, surgery, emergency and specialist visits).
/// </summary>
public sealed class PatientModel(TactusDbContext db, AccessScope scope, OpioidRecords opioids, UtilisationRecords use, MorphineEquivalents table)
    : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid PatientId { get; set; }

    [BindProperty]
    public OpioidRecords.StatementInput Opioid { get; set; } = new();

    [BindProperty]
    public UtilisationRecords.EventInput Use { get; set; } = new();

    public string PatientName { get; private set; } = "";

    public OpioidRecords.Summary Opioids { get; private set; } = null!;

    public IReadOnlyList<UtilisationEvent> Events { get; private set; } = [];

    public IReadOnlyCollection<MorphineEquivalents.Opioid> Table => table.Opioids;

    public bool CanRecord => scope.Role is Roles.Therapist or Roles.Clinician or Roles.Manager;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostOpioidAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!TryValidateModel(Opioid, nameof(Opioid)))
        {
            return await RedisplayAsync(cancellationToken);
        }

        if (await opioids.RecordAsync(PatientId, Opioid, cancellationToken) is not { } recorded)
        {
            return NotFound();
        }

        TempData["Flash"] = recorded.MmePerDay is { } mme ? $"Recorded: {mme:0.##} MME per day." : "Recorded (not converted to MME).";
        return RedirectToPage(new { PatientId });
    }

    public async Task<IActionResult> OnPostStopAsync(Guid statementId, DateOnly? lastDay, CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (lastDay is null)
        {
            ModelState.AddModelError("lastDay", "Give the last day the patient took it.");
            return await RedisplayAsync(cancellationToken);
        }

        if (await opioids.StopAsync(PatientId, statementId, new OpioidRecords.StopInput { LastDay = lastDay }, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "Recorded as stopped.";
        return RedirectToPage(new { PatientId });
    }

    public async Task<IActionResult> OnPostUseAsync(CancellationToken cancellationToken)
    {
        ModelState.Clear();
        if (!TryValidateModel(Use, nameof(Use)))
        {
            return await RedisplayAsync(cancellationToken);
        }

        if (await use.RecordAsync(PatientId, Use, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "Health-care use recorded.";
        return RedirectToPage(new { PatientId });
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        // The patient is loaded whole, so the read audit records whose page this is.
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PatientId, cancellationToken);
        if (patient is null || await opioids.ForPatientAsync(PatientId, cancellationToken) is not { } summary)
        {
            return false;
        }

        PatientName = patient.FullName;
        Opioids = summary;
        Events = await use.ForPatientAsync(PatientId, cancellationToken) ?? [];
        return true;
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();
    }
}
