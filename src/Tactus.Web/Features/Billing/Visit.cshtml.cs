using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Claims;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

/// <summary>One visit's codes with the reasoning behind every unit; the biller adjusts (with a reason), reviews, and claims.</summary>
public sealed class VisitModel(TactusDbContext db, VisitCodingWorkflow workflow, ClaimWorkflow claims) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public VisitCoding Coding { get; private set; } = null!;

    public string PatientName { get; private set; } = "";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public int Units { get; set; }

    [BindProperty]
    public string? Modifiers { get; set; }

    [BindProperty]
    public string? Pointers { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAdjustAsync(CancellationToken cancellationToken)
    {
        var pointers = (Pointers ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(p => int.TryParse(p, out var n) ? n : 0).ToList();
        var modifiers = (Modifiers ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).ToList();
        if (await workflow.AdjustAsync(Id, Code ?? "", Units, modifiers, pointers, Reason, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = $"{Code} adjusted; the reason is kept with the visit.";
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostReviewAsync(CancellationToken cancellationToken)
    {
        if (await workflow.ReviewAsync(Id, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "Codes reviewed. The visit can go on a claim.";
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostClaimAsync(CancellationToken cancellationToken)
    {
        var claim = await claims.CreateAsync([Id], cancellationToken);
        TempData["Flash"] = claim.Status == ClaimStatus.Held
            ? $"Claim {claim.ClaimNumber} made and held: {string.Join(" ", claim.HoldReasons)}"
            : $"Claim {claim.ClaimNumber} is ready to export.";
        return RedirectToPage("/Billing/Index");
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        if (await db.VisitCodings.AsNoTracking().SingleOrDefaultAsync(v => v.Id == Id, cancellationToken) is not { } coding)
        {
            return false;
        }

        Coding = coding;
        PatientName = await Patients.PatientNames.OfAsync(db, coding.PatientId, cancellationToken) ?? "";
        return true;
    }
}
