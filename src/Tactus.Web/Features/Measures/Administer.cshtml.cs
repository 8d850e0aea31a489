using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.OutcomeMeasures;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Measures;

/// <summary>Staff give a questionnaire with the patient (at check-in or by phone); answers are stored as given.</summary>
public sealed class AdministerModel(TactusDbContext db, InstrumentCatalog catalog, MeasureWorkflow workflow) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid PatientId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty]
    public Dictionary<string, int?> Answers { get; set; } = [];

    public InstrumentDefinition? Definition { get; private set; }
    public string PatientName { get; private set; } = "";
    public ScoreResult? Result { get; private set; }
    public string? CrisisMessage { get; private set; }
    public bool AlertRaised { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await ReloadForRedisplayAsync(cancellationToken))
        {
            return NotFound();
        }

        var answers = Definition!.Items.ToDictionary(i => i.Id, i => Answers.GetValueOrDefault(i.Id));
        var recorded = await workflow.RecordAsync(PatientId, Code, answers, cancellationToken);
        if (recorded is null)
        {
            return NotFound();
        }

        Result = recorded.Score;
        AlertRaised = recorded.Alerts.Count > 0;
        CrisisMessage = recorded.Score.SafetyFlags.Select(f => f.PatientMessage).FirstOrDefault();
        return Page();
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        Definition = catalog.Find(Code);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PatientId, cancellationToken);
        PatientName = patient?.FullName ?? "";
        return Definition is not null && patient is not null;
    }
}
