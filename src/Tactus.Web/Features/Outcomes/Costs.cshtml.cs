using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Utilisation;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Outcomes;

/// <summary>The manager's cost settings for the value report (issue 14 §3): a visit's cost, staff time, overhead, the window, and the price list of health-care use.</summary>
[Authorize(Policy = Policies.ProgrammeCosts)]
public sealed class CostsModel(TactusDbContext db, AccessScope scope, UtilisationRecords records) : PageModel
{
    public sealed class CostInput
    {
        [Range(typeof(decimal), "0", "100000", ErrorMessage = "The cost of a visit is between 0 and 100,000, or empty to use the fee schedule.")]
        public decimal? CostPerVisit { get; set; }

        [Range(0, 600, ErrorMessage = "Staff minutes per visit are between 0 and 600.")]
        public int StaffMinutesPerVisit { get; set; }

        [Range(typeof(decimal), "0", "10000", ErrorMessage = "The staff cost per hour is between 0 and 10,000.")]
        public decimal StaffCostPerHour { get; set; }

        [Range(typeof(decimal), "0", "500", ErrorMessage = "Overhead is between 0 and 500 %.")]
        public decimal OverheadPercent { get; set; }

        [Range(7, 1095, ErrorMessage = "The window is between 7 and 1,095 days.")]
        public int UtilisationWindowDays { get; set; } = ProgrammeCostSettings.DefaultWindowDays;

        public Dictionary<UtilisationKind, decimal> Prices { get; set; } = [];
    }

    [BindProperty]
    public CostInput Input { get; set; } = new();

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        var settings = await db.ProgrammeCostSettings.AsNoTracking().FirstOrDefaultAsync(cancellationToken) ?? new ProgrammeCostSettings();
        Input = new CostInput
        {
            CostPerVisit = settings.CostPerVisit, StaffMinutesPerVisit = settings.StaffMinutesPerVisit, StaffCostPerHour = settings.StaffCostPerHour,
            OverheadPercent = settings.OverheadPercent, UtilisationWindowDays = settings.UtilisationWindowDays,
            Prices = (await records.PricesAsync(cancellationToken)).ToDictionary(p => p.Kind, p => p.Amount),
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Input.Prices.Any(p => !Enum.IsDefined(p.Key) || p.Value < 0 || p.Value > 10_000_000))
        {
            ModelState.AddModelError("Input.Prices", "Each price is between 0 and 10,000,000.");
        }

        if (!ModelState.IsValid || scope.OrganizationId is not { } organizationId)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // One change, one transaction: the settings and the price list commit together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var settings = await db.ProgrammeCostSettings.FirstOrDefaultAsync(cancellationToken);
        if (settings is null)
        {
            settings = new ProgrammeCostSettings { OrganizationId = organizationId };
            db.ProgrammeCostSettings.Add(settings);
        }

        settings.CostPerVisit = Input.CostPerVisit;
        settings.StaffMinutesPerVisit = Input.StaffMinutesPerVisit;
        settings.StaffCostPerHour = Input.StaffCostPerHour;
        settings.OverheadPercent = Input.OverheadPercent;
        settings.UtilisationWindowDays = Input.UtilisationWindowDays;
        await db.SaveChangesAsync(cancellationToken);
        await records.SetPricesAsync(Input.Prices.Select(p => new UtilisationRecords.PriceInput(p.Key, p.Value)).ToList(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RedirectToPage(new { saved = true });
    }
}
