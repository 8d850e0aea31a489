using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Features.Questionnaires;

namespace Tactus.Web.Features.Questionnaires.PatientLink;

/// <summary>
/// The patient's own questionnaire page, opened from a single-use link without an account, or from the portal. A submission
/// missing answers the instrument's rules do not allow to be skipped is shown again with what is missing and
/// the link stays usable; a complete one is recorded in one transaction with the link's use.
/// </summary>
[AllowAnonymous]
public sealed class AnswerModel(InvitationWorkflow invitations, MeasureWorkflow measures, OrganizationInstruments instruments) : PageModel
{
    [BindProperty]
    public Dictionary<string, Dictionary<string, int?>> Answers { get; set; } = [];

    [BindProperty]
    public Dictionary<string, Dictionary<string, string>> Labels { get; set; } = [];

    public List<InstrumentDefinition> Definitions { get; private set; } = [];
    public string? Problem { get; private set; }
    public bool Done { get; private set; }
    public string? CrisisMessage { get; private set; }

    /// <summary>Unanswered items per instrument, to mark on the form again.</summary>
    public Dictionary<string, IReadOnlySet<string>> Missing { get; private set; } = [];

    public async Task OnGetAsync(string? token, Guid? invitationId, CancellationToken cancellationToken) => await OpenAsync(token, invitationId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? token, Guid? invitationId, CancellationToken cancellationToken)
    {
        var invitation = await OpenAsync(token, invitationId, cancellationToken);
        if (invitation is null)
        {
            return Page();
        }

        var submission = Definitions.Select(d => new MeasureWorkflow.Answered(d.Code,
            d.Items.ToDictionary(i => i.Id, i => Answers.GetValueOrDefault(d.Code)?.GetValueOrDefault(i.Id)), Labels.GetValueOrDefault(d.Code))).ToList();
        foreach (var (definition, answered) in Definitions.Zip(submission))
        {
            if (Unanswered(definition, answered.Answers) is { Count: > 0 } missing)
            {
                Missing[definition.Code] = missing;
                ModelState.AddModelError(string.Empty, $"{definition.Name}: please answer {Describe(definition, missing)}.");
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var recorded = await measures.RecordSubmissionAsync(invitation, submission, cancellationToken);
            CrisisMessage = recorded.Select(r => r.Score.CrisisMessage).FirstOrDefault(m => m is not null);
            Done = true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Sent twice at once (a double tap, two tabs): the first was recorded; this one changed nothing.
            Problem = "Your answers were already received from this link. Thank you.";
        }

        return Page();
    }

    /// <summary>
    /// Items left blank beyond what the instrument's own rule allows to be missing (clinical reference §1.1):
    /// every item when the rule allows none. A skipped item the rule allows is not asked for again.
    /// </summary>
    public static IReadOnlySet<string> Unanswered(InstrumentDefinition definition, IReadOnlyDictionary<string, int?> answers)
    {
        var blank = definition.Items.Where(i => answers.GetValueOrDefault(i.Id) is null).Select(i => i.Id).ToHashSet();
        return blank.Count > definition.Scoring.MaxMissing ? blank : new HashSet<string>();
    }

    private static string Describe(InstrumentDefinition definition, IReadOnlySet<string> missing)
    {
        var numbers = definition.Items.Select((item, index) => (item.Id, Number: index + 1)).Where(x => missing.Contains(x.Id)).Select(x => x.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var allowed = definition.Scoring.MaxMissing;
        return (numbers.Count == 1 ? "question " : "questions ") + string.Join(", ", numbers)
            + (allowed > 0 ? $" (up to {allowed} may be left blank)" : "");
    }

    /// <summary>By the link's token, or (the portal's route, /Portal/Answer/{invitationId}) as the signed-in patient.</summary>
    private async Task<MeasureInvitation?> OpenAsync(string? token, Guid? invitationId, CancellationToken cancellationToken)
    {
        var (invitation, problem) = invitationId is { } id ? await invitations.OpenForPatientAsync(id, cancellationToken)
            : await invitations.OpenAsync(token ?? "", cancellationToken);
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
