using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Questionnaires.Administer;

/// <summary>Staff give a questionnaire with the patient (at check-in or by phone); answers are stored as given.</summary>
public sealed class AdministerModel(TactusDbContext db, OrganizationInstruments instruments, MeasureWorkflow workflow) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid PatientId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    public Dictionary<string, int?> Answers { get; set; } = [];

    /// <summary>Where to go back to after scoring: the session note when given at a visit. Local paths only.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnTo { get; set; }

    public string BackLink => ReturnTo is { } back && back.StartsWith("/Sessions/Edit/", StringComparison.Ordinal) && Url.IsLocalUrl(back)
        ? back : $"/Patients/Details/{PatientId}";

    [BindProperty]
    public Dictionary<string, string> Labels { get; set; } = [];

    public InstrumentDefinition? Definition { get; private set; }
    public string PatientName { get; private set; } = "";
    public ScoreResult? Result { get; private set; }
    public string? CrisisMessage { get; private set; }
    public bool AlertRaised { get; private set; }

    /// <summary>Staff wording for a skipped safety item: ask the patient directly (an alert stays open until a later response answers it).</summary>
    public IReadOnlyList<string> UnansweredSafetyItems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadForRedisplayAsync(cancellationToken))
        {
            return NotFound();
        }

        var answers = Definition!.Items.ToDictionary(i => i.Id, i => Answers.GetValueOrDefault(i.Id));
        var recorded = await workflow.RecordAsync(PatientId, Code, answers, cancellationToken, Labels);
        if (recorded is null)
        {
            return NotFound();
        }

        Result = recorded.Score;
        AlertRaised = recorded.Alerts.Any(a => a.Kind == SafetyAlert.Positive);
        UnansweredSafetyItems = recorded.Score.SafetyFlags.Where(f => f.Kind == SafetyFlag.Unanswered).Select(f => f.Message).ToList();
        CrisisMessage = recorded.Score.CrisisMessage;
        return Page();
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        Definition = await instruments.FindAsync(Code, cancellationToken);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PatientId, cancellationToken);
        PatientName = patient?.FullName ?? "";
        return Definition is not null && patient is not null;
    }
}
