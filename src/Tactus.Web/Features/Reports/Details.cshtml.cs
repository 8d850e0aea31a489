using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Reports;

/// <summary>The report as a page: the therapist completes and sends it; the referring clinician reads and acknowledges it.</summary>
public sealed class DetailsModel(TactusDbContext db, ReportWorkflow workflow, AccessScope scope, Organizations.OrganizationName organization,
    Organizations.OrganizationClock clock)
    : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public string? Assessment { get; set; }

    [BindProperty]
    public string? Recommendation { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public OutcomeReport? Report { get; private set; }
    public string OrganizationName { get; private set; } = "";
    public bool CanWrite => Report is { Status: ReportStatus.Draft } r && r.AuthorId == scope.UserId;
    public bool CanAcknowledge => Report is { Status: ReportStatus.Sent } r && scope.UserId is { } me && r.Recipients.Contains(me);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadForRedisplayAsync(cancellationToken))
        {
            return NotFound();
        }

        Assessment = Report!.Assessment;
        Recommendation = Report.Recommendation;
        return Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadForRedisplayAsync(cancellationToken))
        {
            return NotFound();
        }

        return File(ReportPdf.Render(Report!, OrganizationName, await clock.ZoneAsync(cancellationToken)), "application/pdf", ReportPdf.FileName(Report!));
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) => WriteAsync(send: false, "Draft saved.", cancellationToken);

    public Task<IActionResult> OnPostSendAsync(CancellationToken cancellationToken) =>
        WriteAsync(send: true, "Sent to the referring clinician's inbox.", cancellationToken);

    public async Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken cancellationToken)
    {
        if (await workflow.AcknowledgeAsync(Id, Note, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = "Report acknowledged.";
        return RedirectToPage(new { Id });
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        Report = await db.OutcomeReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, cancellationToken);
        OrganizationName = await organization.CurrentAsync(cancellationToken);
        return Report is not null;
    }

    private async Task<IActionResult> WriteAsync(bool send, string done, CancellationToken cancellationToken)
    {
        if (send && (string.IsNullOrWhiteSpace(Assessment) || string.IsNullOrWhiteSpace(Recommendation)))
        {
            if (string.IsNullOrWhiteSpace(Assessment))
            {
                ModelState.AddModelError(nameof(Assessment), "Write your assessment before sending.");
            }

            if (string.IsNullOrWhiteSpace(Recommendation))
            {
                ModelState.AddModelError(nameof(Recommendation), "Write your recommendation before sending.");
            }

            return await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();
        }

        if (Assessment?.Length > 4000 || Recommendation?.Length > 4000)
        {
            ModelState.AddModelError(nameof(Assessment), "The assessment and recommendation can each be at most 4000 characters.");
            return await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();
        }

        if (await workflow.WriteAsync(Id, Assessment, Recommendation, send, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = done;
        return RedirectToPage(new { Id });
    }
}
