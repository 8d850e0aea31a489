using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Outcomes;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Protocols;

/// <summary>
/// The evidence page for the clinicians who refer (issue 14 §5): per condition of the protocol library, what massage
/// may help and how sure the evidence is (clinical.md §5 as protocols.json states it, with citations), who not to refer
/// or to refer only with clearance (the screening rules), the typical dose, the programme's own results once enough
/// patients have finished, and how to refer.
/// </summary>
public sealed class ConditionModel(ClinicalReference reference, IServiceScopeFactory scopes, AccessScope scope) : PageModel
{
    public ClinicalReference.Protocol Protocol { get; private set; } = null!;

    public ProgrammeOutcomes.Condition? Results { get; private set; }

    public IReadOnlyList<ContraindicationRule> DoNotRefer { get; private set; } = [];

    public IReadOnlyList<ContraindicationRule> ReferWithClearance { get; private set; } = [];

    public IReadOnlyList<ContraindicationRule> Adapt { get; private set; } = [];

    public bool CanRefer => scope.Role is Roles.Clinician or Roles.Manager or Roles.Administrator;

    public bool IsReviewed => !Protocol.Certainty.Equals("Not reviewed", StringComparison.OrdinalIgnoreCase);

    public string TechniqueName(string id) => reference.FindTechnique(id)?.Name ?? id;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (reference.Protocols.FirstOrDefault(p => p.Id == id) is not { } protocol)
        {
            return NotFound();
        }

        Protocol = protocol;
        DoNotRefer = [.. reference.Rules.Where(r => r.Does.Contains("defer"))];
        ReferWithClearance = [.. reference.Rules.Where(r => r.Does.Contains("clearance") && !r.Does.Contains("defer"))];
        Adapt = [.. reference.Rules.Where(r => !r.Does.Contains("defer") && !r.Does.Contains("clearance"))];

        // The programme's results are the organisation's, not the viewer's own caseload: counted in a scope of their own
        // that may aggregate over the organisation and can never load a record (the researcher's visibility).
        if (scope.OrganizationId is { } organization)
        {
            await using var aggregate = scopes.CreateAsyncScope();
            aggregate.ServiceProvider.GetRequiredService<AccessScope>().UseOrganization(organization, "evidence-page", Roles.Researcher);
            Results = await aggregate.ServiceProvider.GetRequiredService<ProgrammeOutcomes>()
                .ForConditionAsync(protocol, new ProgrammeOutcomes.Filter(), cancellationToken);
        }

        return Page();
    }
}
