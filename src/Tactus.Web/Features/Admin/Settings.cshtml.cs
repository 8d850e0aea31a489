using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Admin;

public sealed class SettingsModel(TactusDbContext db) : PageModel
{
    [BindProperty]
    public bool RequireMfaForStaff { get; set; }

    /// <summary>The IANA time zone people read times in (e.g. America/Chicago).</summary>
    [BindProperty]
    public string? TimeZone { get; set; }

    public static IReadOnlyList<string> Zones { get; } = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal)).Order()];

    public string OrganizationName { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organization = await db.Organizations.SingleAsync(cancellationToken);
        OrganizationName = organization.Name;
        RequireMfaForStaff = organization.RequireMfaForStaff;
        TimeZone = organization.TimeZone;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The tenant filter leaves exactly the administrator's own organisation.
        var organization = await db.Organizations.SingleAsync(cancellationToken);
        if (TimeZone is not null && !Organizations.OrganizationClock.IsKnown(TimeZone))
        {
            ModelState.AddModelError(nameof(TimeZone), "Choose a time zone from the list, such as America/Chicago.");
            OrganizationName = organization.Name;
            return Page();
        }

        organization.RequireMfaForStaff = RequireMfaForStaff;
        organization.TimeZone = TimeZone ?? organization.TimeZone;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = RequireMfaForStaff ? "Two-step sign-in is now required for all staff." : "Two-step sign-in is now optional for staff.";
        return RedirectToPage();
    }
}
