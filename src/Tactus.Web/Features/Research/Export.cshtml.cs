using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Organizations;

namespace Tactus.Web.Features.Research;

/// <summary>
/// The researcher's de-identified export (issue 14 §4): only under a protocol recorded for them, only on its days, only
/// its field groups. The export is audited with its protocol before the first byte is sent, and again with its row
/// counts when it is complete.
/// </summary>
public sealed class ExportModel(TactusDbContext db, DeIdentifiedExport export, AuditLog audit, AccessScope scope, OrganizationClock clock, TimeProvider time) : PageModel
{
    public IReadOnlyList<ResearchProtocol> Protocols { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid protocolId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var protocol = Protocols.FirstOrDefault(p => p.Id == protocolId);
        if (protocol is null)
        {
            return NotFound();
        }

        if (!protocol.IsActiveOn(Today))
        {
            ModelState.AddModelError(string.Empty, $"\"{protocol.Title}\" runs from {protocol.StartsOn:yyyy-MM-dd} to {protocol.EndsOn:yyyy-MM-dd}: it does not allow an export today.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var fields = string.Join(", ", protocol.FieldsAllowed);
        await audit.RecordAsync(AuditActions.ResearchExportStarted, AuditOutcomes.Success, nameof(ResearchProtocol), protocol.Id.ToString(),
            detail: $"{protocol.Title} ({protocol.Approver}); fields: {fields}; Safe Harbor");
        // The ZIP writer still closes an entry with a synchronous write (a data descriptor) even on its async path; this
        // one download may block a thread for those few bytes rather than buffer the whole dataset.
        HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = $"attachment; filename=\"deidentified-{Today:yyyy}.zip\"";
        var counts = await export.WriteAsync(Response.Body, protocol, Today, cancellationToken);
        await audit.RecordAsync(AuditActions.ResearchExportCompleted, AuditOutcomes.Success, nameof(ResearchProtocol), protocol.Id.ToString(),
            detail: $"{counts.Patients} patients, {counts.Episodes} episodes, {counts.Sessions} visits, {counts.Scores} scores");
        return new EmptyResult();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Today = clock.Date(time.GetUtcNow());
        var me = scope.UserId;
        Protocols = await db.ResearchProtocols.AsNoTracking().Where(p => p.ResearcherId == me)
            .OrderByDescending(p => p.EndsOn).ThenBy(p => p.Title).ToListAsync(cancellationToken);
    }
}
