using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Coverage;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

/// <summary>Billing set-up: the organisation as billing provider and X12 sender, its fees, its NCCI table and its payers.</summary>
public sealed class SetupModel(TactusDbContext db, BillingSetup setup, BillingReference reference) : PageModel, IRedisplayablePage
{
    [BindProperty]
    public ProfileInput Profile { get; set; } = new(null, null, null, null, null, null, null, null, null, null, null, null, "11", "T", "*:^~");

    [BindProperty]
    public Dictionary<string, decimal?> Fees { get; set; } = [];

    [BindProperty]
    public IFormFile? NcciFile { get; set; }

    public IReadOnlyList<Payer> Payers { get; private set; } = [];

    public NcciEditSet? CurrentNcci { get; private set; }

    public BillingReference Reference => reference;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await db.BillingProfiles.AsNoTracking().SingleOrDefaultAsync(cancellationToken) is { } p)
        {
            Profile = new ProfileInput(p.LegalName, p.Npi, p.TaxId, p.AddressLine, p.City, p.State, p.PostalCode, p.ContactName, p.ContactPhone,
                p.SubmitterId, p.ReceiverId, p.ReceiverName, p.PlaceOfService, p.UsageIndicator,
                $"{p.ElementSeparator}{p.ComponentSeparator}{p.RepetitionSeparator}{p.SegmentTerminator}");
        }

        Fees = (await db.FeeSchedule.AsNoTracking().ToListAsync(cancellationToken)).ToDictionary(f => f.Code, f => (decimal?)f.Amount);
        await ReloadForRedisplayAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostProfileAsync(CancellationToken cancellationToken)
    {
        await setup.SaveProfileAsync(Profile, cancellationToken);
        TempData["Flash"] = "Billing profile saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostFeesAsync(CancellationToken cancellationToken)
    {
        await setup.SaveFeesAsync(Fees.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!.Value), cancellationToken);
        TempData["Flash"] = "Fee schedule saved. New visits are charged at these fees.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostNcciAsync(CancellationToken cancellationToken)
    {
        if (NcciFile is null || NcciFile.Length == 0)
        {
            throw new DomainRuleException("no-file", "Choose the PTP edit file (tab-delimited text) from the CMS NCCI page.", StatusCodes.Status422UnprocessableEntity);
        }

        using var reader = new StreamReader(NcciFile.OpenReadStream());
        var set = await setup.LoadNcciAsync(NcciFile.FileName, await reader.ReadToEndAsync(cancellationToken), cancellationToken);
        TempData["Flash"] = $"Loaded {set.SourceName}: {set.RowsRead} edits read, {set.Edits.Count} among the codes Tactus bills kept.";
        return RedirectToPage();
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        Payers = await db.Payers.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        CurrentNcci = await db.NcciEditSets.AsNoTracking().OrderByDescending(n => n.LoadedAt).FirstOrDefaultAsync(cancellationToken);
        return true;
    }
}
