using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Patients;

public sealed class NewModel(PatientWorkflow workflow, TactusDbContext db) : PageModel
{
    [BindProperty]
    public NewPatientInput Input { get; set; } = new();

    /// <summary>Records that may be this person (same name and birth date), shown before a second record is made.</summary>
    public PatientDuplicates.Match? PossibleDuplicates { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!Input.ConfirmNotDuplicate
            && await PatientDuplicates.FindAsync(db, Input.GivenName!, Input.FamilyName!, Input.BirthDate!.Value, null, cancellationToken) is { Count: > 0 } match)
        {
            PossibleDuplicates = match;
            ModelState.AddModelError(nameof(Input.ConfirmNotDuplicate), PatientDuplicates.Describe(match));
            return Page();
        }

        var patient = await workflow.CreateAsync(Input, cancellationToken);
        TempData["Flash"] = $"{patient.FullName} was registered with MRN {patient.Mrn}.";
        return RedirectToPage("/Patients/Details", new { id = patient.Id });
    }
}
