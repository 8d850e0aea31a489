using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Web;

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

        try
        {
            var patient = await workflow.UpdateAsync(Id, Input, cancellationToken);
            if (patient is null)
            {
                return NotFound();
            }
        }
        catch (Exception exception) when (exception is DomainRuleException or DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, exception is DomainRuleException rule ? rule.Message
                : "Someone else saved this record while you were editing. Reload it and apply your change again.");
            return Page();
        }

        TempData["Flash"] = "Changes saved.";
        return RedirectToPage("/Patients/Details", new { id = Id });
    }
}
