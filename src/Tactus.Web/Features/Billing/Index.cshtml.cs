using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Claims;
using Tactus.Web.Features.Remittance;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

/// <summary>The biller's desk: work-lists, export of ready claims as an 837P, import of an 835, aging and totals.</summary>
public sealed class IndexModel(BillingQueries queries, ClaimExport export, ClaimWorkflow claims, ClaimFiles files, RemittanceWorkflow remittances, TactusDbContext db,
    Audit.AuditLog audit, TimeProvider time) : PageModel, IRedisplayablePage
{
    public BillingOverview Overview { get; private set; } = null!;

    /// <summary>The page of each list, from the query string, so paging one list keeps the others where they were.</summary>
    [BindProperty(SupportsGet = true)]
    public DeskPages Pages { get; set; } = new();

    public string PageLink(Func<DeskPages, DeskPages> move)
    {
        var p = move(Pages);
        return $"/Billing?review={p.Review}&toClaim={p.ToClaim}&ready={p.Ready}&held={p.Held}&awaiting={p.Awaiting}&denied={p.Denied}&owing={p.Owing}&authorizations={p.Authorizations}";
    }

    public IReadOnlyList<ClaimBatch> Batches { get; private set; } = [];

    [BindProperty]
    public IFormFile? RemittanceFile { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ReloadForRedisplayAsync(cancellationToken);

    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        var result = await export.ExportAsync(null, cancellationToken);
        TempData["Flash"] = $"Exported {result.Batch.ClaimCount} claim{(result.Batch.ClaimCount == 1 ? "" : "s")} as {result.Batch.FileName}"
            + (result.Held.Count > 0
                ? $". Held back at the last check: {string.Join("; ", result.Held.Select(c => $"{c.ClaimNumber} ({string.Join(", ", c.HoldReasons)})"))}."
                : ".");
        return RedirectToPage();
    }

    /// <summary>Claims for the reviewed visits ticked on the desk: one per patient and coverage.</summary>
    public async Task<IActionResult> OnPostMakeClaimsAsync(List<Guid> visitIds, CancellationToken cancellationToken)
    {
        if (visitIds.Count == 0)
        {
            throw new DomainRuleException("no-visits", "Tick the reviewed visits to claim.", StatusCodes.Status422UnprocessableEntity);
        }

        var made = await claims.CreateForVisitsAsync(visitIds, cancellationToken);
        TempData["Flash"] = $"Made {made.Count} claim{(made.Count == 1 ? "" : "s")}: "
            + string.Join(", ", made.Select(c => c.Status == ClaimStatus.Held ? $"{c.ClaimNumber} (held: {string.Join(", ", c.HoldReasons)})" : c.ClaimNumber)) + ".";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        if (RemittanceFile is null || RemittanceFile.Length == 0)
        {
            throw new DomainRuleException("no-file", "Choose the 835 file to import.", StatusCodes.Status422UnprocessableEntity);
        }

        using var reader = new StreamReader(RemittanceFile.OpenReadStream());
        var result = await remittances.ImportAsync(await reader.ReadToEndAsync(cancellationToken), cancellationToken);
        TempData["Flash"] = result.Describe();
        return RedirectToPage();
    }

    public async Task<IActionResult> OnGetBatchAsync(Guid id, CancellationToken cancellationToken) =>
        await files.BatchAsync(id, cancellationToken) is { } file ? File(file.Content, file.ContentType, file.FileName) : NotFound();

    /// <summary>For a test interchange only: the stand-in payer's 835 for one payer's claims in it (TestPayer).</summary>
    public async Task<IActionResult> OnGetTestRemittanceAsync(Guid id, string payer, CancellationToken cancellationToken)
    {
        var batch = await db.ClaimBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == id, cancellationToken);
        if (batch is null || !TestPayer.IsTestInterchange(batch.Content) || TestPayer.Payers(batch.Content).All(p => p.Id != payer))
        {
            return NotFound();
        }

        await audit.RecordAsync(Audit.AuditActions.Read, Audit.AuditOutcomes.Success, nameof(ClaimBatch), batch.Id.ToString(), detail: $"test 835 for {payer}");
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var content = TestPayer.Respond(batch.Content, payer, today, batch.InterchangeControlNumber);
        return File(System.Text.Encoding.ASCII.GetBytes(content), "application/edi-x12", $"TEST-835-{batch.InterchangeControlNumber:D9}-{payer}.x12");
    }

    public static IReadOnlyList<(string Id, string Name)> TestPayers(ClaimBatch batch) =>
        TestPayer.IsTestInterchange(batch.Content) ? TestPayer.Payers(batch.Content) : [];

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        Overview = await queries.OverviewAsync(Pages, cancellationToken);
        Batches = await db.ClaimBatches.AsNoTracking().OrderByDescending(b => b.CreatedAt).Take(10).ToListAsync(cancellationToken);
        return true;
    }
}
