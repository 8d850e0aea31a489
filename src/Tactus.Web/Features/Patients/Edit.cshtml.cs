using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Patients;

public sealed class EditModel(TactusDbContext db, PatientWorkflow workflow) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public PatientUpdate Input { get; set; } = new();

    public string PatientName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == Id, cancellationToken);
        if (patient is null)
        {
            return NotFound();
        }

        PatientName = patient.FullName;
        Input = PatientUpdate.ForEdit(patient);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        PatientName = $"{Input.GivenName} {Input.FamilyName}";
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await workflow.UpdateAsync(Id, Input, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "Changes saved.";
        return RedirectToPage("/Patients/Details", new { id = Id });
    }
}
