using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Statements;

/// <summary>A patient's statement for billing staff: charges, payments, balance, a PDF to send, and payments recorded against it.</summary>
public sealed class StatementModel(TactusDbContext db, PatientLedger ledger, Organizations.OrganizationName organization, TimeProvider time) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid PatientId { get; set; }

    [BindProperty]
    public PatientLedger.PaymentInput Payment { get; set; } = new();

    public PatientStatement Statement { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadForRedisplayAsync(cancellationToken))
        {
            return NotFound();
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return File(StatementPdf.Render(Statement, await organization.CurrentAsync(cancellationToken), today), "application/pdf", StatementPdf.FileName(Statement, today));
    }

    public async Task<IActionResult> OnPostPaymentAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();
        }

        if (await ledger.RecordPaymentAsync(PatientId, Payment, cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = $"Payment of {Payment.Amount:0.00} recorded.";
        return RedirectToPage(new { PatientId });
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        Statement = (await PatientStatement.BuildAsync(db, PatientId, cancellationToken))!;
        return Statement is not null;
    }
}
