using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Portal;

/// <summary>
/// The patient's own treatment preferences and consents (issue 13 §4): pressure, areas not to touch, therapist
/// gender, draping and other trauma-informed wishes, the pause word; and consent to the use of their data for
/// research, which they may withdraw. A change is a new version of the health history (the older one stays as
/// history), recorded as the patient's own, so the therapist's view (the safety panel) shows it at the next visit.
/// </summary>
public sealed class PreferencesModel(TactusDbContext db, AccessScope scope, ClinicalReference reference, TimeProvider time) : PageModel
{
    public const int MaxNotes = 500;

    public PatientIntake? Latest { get; private set; }

    public IReadOnlyList<ClinicalReference.BodyRegion> Regions => reference.Regions;

    [BindProperty]
    public IntakePreferences Input { get; set; } = new();

    [BindProperty]
    public bool ConsentToDataUse { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Latest = await LatestAsync(cancellationToken);
        if (Latest is not null)
        {
            Input = Latest.Preferences;
            ConsentToDataUse = Latest.ConsentToDataUse;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Latest = await LatestAsync(cancellationToken);
        if (Latest is null || scope.UserId is not { } userId)
        {
            return NotFound();
        }

        if (Input.Pressure is < 1 or > 5)
        {
            ModelState.AddModelError("Input.Pressure", "Choose a pressure from 1 (touch only) to 5 (deep).");
        }

        if (Input.AreasNotToTouch.Any(a => !reference.IsRegion(a)))
        {
            ModelState.AddModelError("Input.AreasNotToTouch", "Choose the areas from the list.");
        }

        foreach (var (field, value, max) in new[] { ("Input.TherapistGender", Input.TherapistGender, 40), ("Input.Draping", Input.Draping, 200),
                     ("Input.PauseWord", Input.PauseWord, 40), ("Input.Notes", Input.Notes, MaxNotes) })
        {
            if (value?.Length > max)
            {
                ModelState.AddModelError(field, $"Keep this to {max} characters.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.Intakes.Add(new PatientIntake
        {
            OrganizationId = Latest.OrganizationId, PatientId = Latest.PatientId, RecordedAt = time.GetStorageNow(), RecordedById = userId,
            Answers = Latest.Answers, Medications = Latest.Medications, OtherConditions = Latest.OtherConditions, Allergies = Latest.Allergies,
            LubricantAllergy = Latest.LubricantAllergy, ImplantedDevices = Latest.ImplantedDevices,
            Preferences = new IntakePreferences
            {
                Pressure = Input.Pressure, AreasNotToTouch = [.. Input.AreasNotToTouch.Distinct()], TherapistGender = Trim(Input.TherapistGender),
                Draping = Trim(Input.Draping), PauseWord = Trim(Input.PauseWord), Notes = Trim(Input.Notes),
            },
            ConsentToTreatment = Latest.ConsentToTreatment, ConsentGivenBy = Latest.ConsentGivenBy, ConsentToDataUse = ConsentToDataUse,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = ConsentToDataUse == Latest.ConsentToDataUse
            ? "Your preferences are saved; your therapist sees them at your next visit."
            : ConsentToDataUse ? "Thank you: your data may now be used, without your name, for research." : "Your consent to research use is withdrawn; your data is left out of research from now on.";
        return RedirectToPage();
    }

    private Task<PatientIntake?> LatestAsync(CancellationToken cancellationToken) =>
        db.Intakes.AsNoTracking().Where(i => i.PatientId == scope.PatientId).OrderByDescending(i => i.RecordedAt).FirstOrDefaultAsync(cancellationToken);

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
