using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tactus.Web.Features.Patients;

public sealed class NewModel(PatientWorkflow workflow) : PageModel
{
    [BindProperty]
    public PatientInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var patient = await workflow.CreateAsync(Input, cancellationToken);
        TempData["Flash"] = $"{patient.FullName} was registered with MRN {patient.Mrn}.";
        return RedirectToPage("/Patients/Details", new { id = patient.Id });
    }
}
