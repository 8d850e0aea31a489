using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Admin;

public sealed class SettingsModel(TactusDbContext db) : PageModel
{
    [BindProperty]
    public bool RequireMfaForStaff { get; set; }

    public string OrganizationName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleAsync(cancellationToken);
        OrganizationName = organization.Name;
        RequireMfaForStaff = organization.RequireMfaForStaff;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The tenant filter leaves exactly the administrator's own organisation.
        var organization = await db.Organizations.SingleAsync(cancellationToken);
        organization.RequireMfaForStaff = RequireMfaForStaff;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = RequireMfaForStaff ? "Two-step sign-in is now required for all staff." : "Two-step sign-in is now optional for staff.";
        return RedirectToPage();
    }
}
