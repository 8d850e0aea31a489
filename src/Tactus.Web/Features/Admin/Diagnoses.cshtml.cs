using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Diagnoses;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Admin;

public sealed class DiagnosesModel(TactusDbContext db, ClinicalReference reference, AccessScope scope, TimeProvider time) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Display { get; set; }

    public int BundledCount => reference.Diagnoses.Count;
    public List<OrganizationDiagnosisCode> Own { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Own = await db.OrganizationDiagnosisCodes.AsNoTracking().OrderBy(c => c.Code).ToListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var code = Code is null ? "" : ContraindicationEngine.NormalizeCode(Code);
        if (!Icd10Format.IsWellFormed(code))
        {
            ModelState.AddModelError(nameof(Code), "Enter an ICD-10-CM code such as M26.609.");
        }
        else if (reference.Diagnoses.ContainsKey(code) || await db.OrganizationDiagnosisCodes.AnyAsync(c => c.Code == code, cancellationToken))
        {
            ModelState.AddModelError(nameof(Code), $"{code} is already on the list.");
        }

        if (string.IsNullOrWhiteSpace(Display) || Display.Length > 200)
        {
            ModelState.AddModelError(nameof(Display), "Enter the code's description (at most 200 characters).");
        }

        if (!ModelState.IsValid)
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }

        db.OrganizationDiagnosisCodes.Add(new OrganizationDiagnosisCode
        {
            OrganizationId = scope.OrganizationId!.Value, Code = code, Display = Display!.Trim(), AddedAt = time.GetStorageNow(), AddedById = scope.UserId!.Value,
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"{code} can now be used in referrals.";
        return RedirectToPage();
    }
}
