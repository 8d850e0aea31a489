using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Practitioners;

/// <summary>The organisation's clinicians and therapists with their licences and certifications.</summary>
public sealed class IndexModel(TactusDbContext db, TimeProvider time) : PageModel
{
    public sealed record Row(Practitioner Practitioner, string Name, string? Problem);

    public List<Row> Rows { get; private set; } = [];
    public DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var practitioners = await db.Practitioners.AsNoTracking().ToListAsync(cancellationToken);
        var ids = practitioners.Select(p => p.UserId).ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        Rows = practitioners.Select(p => new Row(p, names.GetValueOrDefault(p.UserId, "Unknown"),
                p.Discipline == Disciplines.MassageTherapist ? CredentialRules.LicenceProblem(p, Today) : null))
            .OrderBy(r => r.Name).ToList();
    }

    public async Task<IActionResult> OnPostAsync(Guid practitionerId, Guid licenceId, LicenceStatus status, DateOnly? expiresOn, CancellationToken cancellationToken)
    {
        var practitioner = await db.Practitioners.SingleOrDefaultAsync(p => p.Id == practitionerId, cancellationToken);
        var licence = practitioner?.Licences.SingleOrDefault(l => l.Id == licenceId);
        if (licence is null)
        {
            return NotFound();
        }

        if (expiresOn is null || !Enum.IsDefined(status))
        {
            ModelState.AddModelError(string.Empty, "Give the licence status and its expiry date.");
            await OnGetAsync(cancellationToken);
            return Page();
        }

        licence.Status = status;
        licence.ExpiresOn = expiresOn.Value;
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = "Licence updated.";
        return RedirectToPage();
    }
}
