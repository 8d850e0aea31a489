using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.OutcomeMeasures;

namespace Tactus.Web.Features.PatientLink;

/// <summary>The patient's own questionnaire page, opened from a single-use link without an account.</summary>
[AllowAnonymous]
public sealed class AnswerModel(InvitationWorkflow invitations, MeasureWorkflow measures, OrganizationInstruments instruments, TimeProvider time) : PageModel
{
    [BindProperty]
    public Dictionary<string, Dictionary<string, int?>> Answers { get; set; } = [];

    [BindProperty]
    public Dictionary<string, Dictionary<string, string>> Labels { get; set; } = [];

    public List<InstrumentDefinition> Definitions { get; private set; } = [];
    public string? Problem { get; private set; }
    public bool Done { get; private set; }
    public string? CrisisMessage { get; private set; }

    public async Task OnGetAsync(string token, CancellationToken cancellationToken) => await OpenAsync(token, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancellationToken)
    {
        var invitation = await OpenAsync(token, cancellationToken);
        if (invitation is null)
        {
            return Page();
        }

        var flags = new List<SafetyFlag>();
        foreach (var definition in Definitions)
        {
            var given = Answers.GetValueOrDefault(definition.Code) ?? [];
            var answers = definition.Items.ToDictionary(i => i.Id, i => given.GetValueOrDefault(i.Id));
            if (await measures.RecordAsync(invitation.PatientId, definition.Code, answers, cancellationToken, Labels.GetValueOrDefault(definition.Code)) is { } recorded)
            {
                flags.AddRange(recorded.Score.SafetyFlags);
            }
        }

        invitation.MarkUsed(time.GetUtcNow());
        await invitations.SaveUsedAsync(invitation, cancellationToken);
        Done = true;
        CrisisMessage = flags.Select(f => f.PatientMessage).FirstOrDefault();
        return Page();
    }

    private async Task<MeasureInvitation?> OpenAsync(string token, CancellationToken cancellationToken)
    {
        var (invitation, problem) = await invitations.OpenAsync(token, cancellationToken);
        Problem = problem;
        Definitions = [];
        foreach (var code in invitation?.Instruments ?? [])
        {
            if (await instruments.FindAsync(code, cancellationToken) is { IsSlot: false } definition)
            {
                Definitions.Add(definition);
            }
        }

        return invitation;
    }
}
