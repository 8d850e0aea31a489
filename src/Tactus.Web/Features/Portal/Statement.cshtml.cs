using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Statements;

namespace Tactus.Web.Features.Portal;

/// <summary>
/// The patient's own statement (issue 13 §4): what was charged to them, the payments the clinic recorded, the balance,
/// and the same statement PDF the clinic sends. The query filters reach only their own charges and payments.
/// </summary>
public sealed class StatementModel(TactusDbContext db, AccessScope scope, Organizations.OrganizationName organization, TimeProvider time) : PageModel
{
    public PatientStatement Statement { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return File(StatementPdf.Render(Statement, await organization.CurrentAsync(cancellationToken), today), "application/pdf", StatementPdf.FileName(Statement, today));
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        if (scope.PatientId is not { } patientId || await PatientStatement.BuildAsync(db, patientId, cancellationToken) is not { } statement)
        {
            return false;
        }

        Statement = statement;
        return true;
    }
}
