using Tactus.Web.Features.Billing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Coverage;

namespace Tactus.Web.Features.Coverage;

/// <summary>Adds or edits a payer and the rules that change coding and claims.</summary>
public sealed class PayerModel(TactusDbContext db, CoverageWorkflow workflow, AccessScope scope) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Id { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? PayerIdentifier { get; set; }

    [BindProperty]
    public string ClaimFilingIndicator { get; set; } = "CI";

    [BindProperty]
    public TimedUnitRule UnitRule { get; set; } = TimedUnitRule.Ama;

    [BindProperty]
    public string? Modifiers { get; set; }

    [BindProperty]
    public string DistinctServiceModifier { get; set; } = "XS";

    [BindProperty]
    public int? VisitLimitPerYear { get; set; }

    [BindProperty]
    public bool RequiresAuthorization { get; set; }

    [BindProperty]
    public bool RequiresReferringProvider { get; set; }

    [BindProperty]
    public bool RequiresRenderingTaxonomy { get; set; }

    [BindProperty]
    public List<string> AcceptedDisciplines { get; set; } = [];

    public static readonly string[] Disciplines = ["massage-therapist", "physical-therapist", "occupational-therapist", "chiropractor", "physician", "nurse-practitioner", "physician-assistant"];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Id is null)
        {
            return Page();
        }

        if (await db.Payers.AsNoTracking().SingleOrDefaultAsync(p => p.Id == Id, cancellationToken) is not { } payer)
        {
            return NotFound();
        }

        (Name, PayerIdentifier, ClaimFilingIndicator, UnitRule) = (payer.Name, payer.PayerIdentifier, payer.ClaimFilingIndicator, payer.UnitRule);
        (Modifiers, DistinctServiceModifier, VisitLimitPerYear) = (string.Join(",", payer.RequiredTherapyModifiers), payer.DistinctServiceModifier, payer.VisitLimitPerYear);
        (RequiresAuthorization, RequiresReferringProvider, AcceptedDisciplines) = (payer.RequiresAuthorization, payer.RequiresReferringProvider, payer.AcceptedRenderingDisciplines);
        RequiresRenderingTaxonomy = payer.RequiresRenderingTaxonomy;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var input = new PayerInput(UnitRule, Name, PayerIdentifier, ClaimFilingIndicator,
            [.. (Modifiers ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)], DistinctServiceModifier, VisitLimitPerYear,
            RequiresAuthorization, RequiresReferringProvider, AcceptedDisciplines, RequiresRenderingTaxonomy);
        foreach (var (field, messages) in CoverageValidation.Check(input))
        {
            ModelState.AddModelError(field, string.Join(" ", messages));
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await workflow.SavePayerAsync(scope.OrganizationId!.Value, Id, input, cancellationToken);
        TempData["Flash"] = $"{Name} saved.";
        return RedirectToPage("/Billing/Setup");
    }
}
