using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Plans;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Questionnaires.Administer;

namespace Tactus.Web.Features.Portal;

/// <summary>
/// The patient's own progress (issue 13 §4): the same trend chart staff see for each questionnaire they answered,
/// explained in plain words, and the goals of their current plan of care. Safety alerts stay with the care team.
/// </summary>
public sealed class ProgressModel(TactusDbContext db, AccessScope scope, OrganizationInstruments instruments) : PageModel
{
    public sealed record Item(MeasuresSummary.Row Row, string Name, string Explanation);

    public IReadOnlyList<Item> Items { get; private set; } = [];

    public IReadOnlyList<PlanGoal> Goals { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var patientId = scope.PatientId ?? Guid.Empty;
        var summary = await MeasuresSummary.BuildAsync(db, instruments, patientId, canAdminister: false, cancellationToken);
        Items = summary.Rows.Select(row => summary.Instruments.FirstOrDefault(d => d.Code == row.Instrument) is { } definition
                ? new Item(row, definition.Name, ProgressExplanation.For(definition, row))
                : new Item(row, row.Instrument, ""))
            .ToList();
        var open = true;
        var plan = await db.Plans.AsNoTracking().Where(p => p.PatientId == patientId && p.EpisodeOpen == open)
            .OrderByDescending(p => p.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        Goals = plan?.Goals ?? [];
    }
}
