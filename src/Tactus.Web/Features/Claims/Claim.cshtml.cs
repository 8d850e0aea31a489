using Tactus.Web.Features.Billing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Claims;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims;

/// <summary>One claim: its lines and what the payer did with each (in words), its history, and the biller's next steps.</summary>
public sealed class ClaimModel(TactusDbContext db, ClaimWorkflow workflow, BillingReference reference, ClaimFiles files) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public Claims.Claim Claim { get; private set; } = null!;

    public string PatientName { get; private set; } = "";

    public string PayerName { get; private set; } = "";

    public BillingReference Reference => reference;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPaperAsync(CancellationToken cancellationToken) =>
        await files.PaperCopyAsync(Id, cancellationToken) is { } pdf ? File(pdf.Content, pdf.ContentType, pdf.FileName) : NotFound();

    public async Task<IActionResult> OnPostRecheckAsync(CancellationToken cancellationToken)
    {
        var claim = await workflow.RecheckAsync(Id, cancellationToken);
        if (claim is null)
        {
            return NotFound();
        }

        TempData["Flash"] = claim.Status == ClaimStatus.Ready ? "Every hold is resolved; the claim is ready to export." : "Still held; the reasons are listed below.";
        return RedirectToPage(new { Id });
    }

    public Task<IActionResult> OnPostAppealAsync(CancellationToken cancellationToken) => ChangeAsync("appeal", "Appeal recorded.", cancellationToken);

    public Task<IActionResult> OnPostWriteOffAsync(CancellationToken cancellationToken) => ChangeAsync("write-off", "Written off.", cancellationToken);

    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken cancellationToken)
    {
        if (await workflow.CorrectAsync(Id, Reason, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "The visits are back for review: adjust their codes, review them, and the next claim replaces this one.";
        return RedirectToPage(new { Id });
    }

    public async Task<IActionResult> OnPostSecondaryAsync(CancellationToken cancellationToken)
    {
        var secondary = await workflow.CreateSecondaryAsync(Id, cancellationToken);
        if (secondary is null)
        {
            return NotFound();
        }

        TempData["Flash"] = $"Secondary claim {secondary.ClaimNumber} made" + (secondary.Status == ClaimStatus.Held ? " and held; see its reasons." : "; it is ready to export.");
        return RedirectToPage(new { id = secondary.Id });
    }

    public Task<IActionResult> OnPostAcceptedAsync(CancellationToken cancellationToken) => ChangeAsync("accepted", "Marked accepted by the payer.", cancellationToken);

    private async Task<IActionResult> ChangeAsync(string action, string done, CancellationToken cancellationToken)
    {
        if (await workflow.ChangeAsync(Id, action, Reason, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = done;
        return RedirectToPage(new { Id });
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        if (await db.Claims.AsNoTracking().SingleOrDefaultAsync(c => c.Id == Id, cancellationToken) is not { } claim)
        {
            return false;
        }

        Claim = claim;
        PatientName = await Patients.PatientNames.OfAsync(db, claim.PatientId, cancellationToken) ?? "";
        PayerName = await db.Payers.Where(p => p.Id == claim.PayerId).Select(p => p.Name).SingleAsync(cancellationToken);
        return true;
    }
}
