using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tactus.Web.Features.Reports;

/// <summary>Drafts (or refreshes the open draft of) a progress report or discharge summary, then opens it.</summary>
public sealed class DraftModel(ReportWorkflow workflow) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public async Task<IActionResult> OnPostAsync(Guid referralId, ReportKind kind, CancellationToken cancellationToken) =>
        await workflow.DraftAsync(referralId, kind, cancellationToken) is { } report
            ? RedirectToPage("/Reports/Details", new { id = report.Id })
            : NotFound();
}
