using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Scheduling;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// The programme's outcomes by condition (issue 14 §1) for the manager and the researcher: the funnel, each instrument's
/// change (completers and last observation side by side), responders, and adverse events, for a period and (for the
/// manager) a therapist. A researcher sees no group of fewer than 11 patients.
/// </summary>
public sealed class IndexModel(ProgrammeOutcomes outcomes, TactusDbContext db, OrganizationClock clock, OrganizationName organization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Therapist { get; set; }

    public IReadOnlyList<ProgrammeOutcomes.Condition> Conditions { get; private set; } = [];

    public IReadOnlyList<(Guid Id, string Name)> Therapists { get; private set; } = [];

    /// <summary>The researcher's view suppresses small cells; the manager, who may read every record, sees every figure.</summary>
    public bool SuppressSmallCells => User.IsInRole(Roles.Researcher);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        return File(Encoding.UTF8.GetBytes(OutcomesCsv.Write(Conditions, SuppressSmallCells)), "text/csv", "programme-outcomes.csv");
    }

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        var today = clock.Date(time.GetUtcNow());
        var period = OutcomeView.Period(From, To);
        var therapist = Therapist is { } id ? $", therapist {Therapists.FirstOrDefault(t => t.Id == id).Name ?? "unknown"}" : "";
        return File(OutcomesPdf.Render(Conditions, await organization.CurrentAsync(cancellationToken), period + therapist, SuppressSmallCells, today),
            "application/pdf", $"programme-outcomes-{today:yyyy-MM-dd}.pdf");
    }

    public string Shown(int n) => OutcomeView.Count(n, SuppressSmallCells);

    public bool Hidden(int n) => SuppressSmallCells && OutcomeStatistics.IsSuppressed(n);

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (From is { } from && To is { } to && to < from)
        {
            ModelState.AddModelError(nameof(To), "The period's end is before its start.");
        }

        if (Therapist is not null && SuppressSmallCells)
        {
            // One therapist's caseload is a small, identifiable group: the researcher sees the programme as a whole.
            ModelState.AddModelError(nameof(Therapist), "Outcomes by therapist are for the programme manager.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var zone = await clock.ZoneAsync(cancellationToken);
        var filter = new ProgrammeOutcomes.Filter(
            From is { } start ? SlotRules.At(start, TimeOnly.MinValue, zone) : null,
            To is { } end ? SlotRules.At(end.AddDays(1), TimeOnly.MinValue, zone) : null,
            Therapist);
        Conditions = await outcomes.ByConditionAsync(filter, cancellationToken);
        if (!SuppressSmallCells)
        {
            Therapists = await ScheduleQueries.TherapistsAsync(db, cancellationToken);
        }

        return null;
    }
}
