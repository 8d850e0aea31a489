using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Research;

namespace Tactus.Web.Features.Admin;

/// <summary>
/// The administrator records a research protocol once it is approved (issue 14 §4): title, approver and reference, the
/// days it runs, the researcher it is for, and the field groups it allows. Saved and audited like any change.
/// </summary>
public sealed class ResearchProtocolsModel(TactusDbContext db, AccessScope scope, TimeProvider time) : PageModel
{
    public sealed class ProtocolInput
    {
        [Required(ErrorMessage = "Enter the protocol's title."), StringLength(ResearchProtocolLimits.Title)]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Enter who approved it and their reference (for example the IRB and its protocol number)."), StringLength(ResearchProtocolLimits.Approver)]
        public string? Approver { get; set; }

        [Required(ErrorMessage = "Enter the day it was approved.")]
        public DateOnly? ApprovedOn { get; set; }

        [Required(ErrorMessage = "Enter the first day it runs.")]
        public DateOnly? StartsOn { get; set; }

        [Required(ErrorMessage = "Enter the last day it runs.")]
        public DateOnly? EndsOn { get; set; }

        [Required(ErrorMessage = "Choose the researcher it is for.")]
        public Guid? ResearcherId { get; set; }

        public List<string> Fields { get; set; } = [];
    }

    [BindProperty]
    public ProtocolInput Input { get; set; } = new();

    public IReadOnlyList<ResearchProtocol> Recorded { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Researchers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Input.StartsOn is { } starts && Input.EndsOn is { } ends && ends < starts)
        {
            ModelState.AddModelError("Input.EndsOn", "The last day is before the first day.");
        }

        if (Input.ApprovedOn is { } approved && Input.StartsOn is { } first && approved > first)
        {
            ModelState.AddModelError("Input.ApprovedOn", "A protocol runs only once it is approved: the approval is after the first day.");
        }

        if (Input.Fields.Count == 0 || Input.Fields.Any(f => !ResearchFields.IsKnown(f)))
        {
            ModelState.AddModelError("Input.Fields", "Choose the field groups the approval covers.");
        }

        if (Input.ResearcherId is { } researcher && Researchers.All(r => r.Id != researcher))
        {
            ModelState.AddModelError("Input.ResearcherId", "Choose one of your organisation's researchers.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        db.ResearchProtocols.Add(new ResearchProtocol
        {
            OrganizationId = scope.OrganizationId!.Value, Title = Input.Title!.Trim(), Approver = Input.Approver!.Trim(), ApprovedOn = Input.ApprovedOn!.Value,
            StartsOn = Input.StartsOn!.Value, EndsOn = Input.EndsOn!.Value, ResearcherId = Input.ResearcherId!.Value,
            FieldsAllowed = [.. ResearchFields.Groups.Select(g => g.Id).Where(Input.Fields.Contains)],
            RecordedById = scope.UserId!.Value, RecordedAt = time.GetStorageNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = $"\"{Input.Title!.Trim()}\" is recorded; its researcher can export under it on its days.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Recorded = await db.ResearchProtocols.AsNoTracking().OrderByDescending(p => p.RecordedAt).ToListAsync(cancellationToken);
        var researcherRole = await db.Roles.Where(r => r.Name == Roles.Researcher).Select(r => r.Id).SingleAsync(cancellationToken);
        Researchers = [.. (await db.Users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == researcherRole))
            .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken)).Select(u => (u.Id, u.DisplayName))];
    }
}
