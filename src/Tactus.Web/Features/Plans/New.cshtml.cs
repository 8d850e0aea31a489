using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Plans;

public sealed class NewModel(TactusDbContext db, ClinicalReference reference, PlanWorkflow workflow, Access.AccessScope scope) : PageModel, IRedisplayablePage
{
    public const int GoalRows = 3;
    public const int MeasureRows = 5;

    /// <summary>The free instruments and the licensed ones whose scoring slots Tactus ships (clinical.md §1).</summary>
    public static readonly string[] Instruments = ["NPRS", "PEG", "PSFS", "PHQ-9", "PHQ-2", "GAD-7", "GAD-2", "PCL-5", "ODI", "RMDQ", "NDI", "HIT-6", "MIDAS", "FIQR", "PSQI", "ISI", "PROMIS-PI-4a", "PROMIS-SD-4a", "PROMIS-ANX-4a", "PROMIS-DEP-4a", "PROMIS-PF-4a", "PROMIS-FAT-4a", "PROMIS-SR-4a"];

    [BindProperty(SupportsGet = true)]
    public Guid ReferralId { get; set; }

    [BindProperty]
    public PlanInput Input { get; set; } = new();

    public string PatientName { get; private set; } = "";
    public ClinicalReference.Protocol? Protocol { get; private set; }
    public List<string> Precautions { get; private set; } = [];
    public Dictionary<string, string> Excluded { get; private set; } = [];
    public IReadOnlyList<ClinicalReference.Technique> Techniques => reference.Techniques;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        // Only the therapist assigned to the referral writes its plan: anyone else is refused before the form renders.
        if (AssignedTherapistId != scope.UserId)
        {
            return Forbid();
        }

        if (Protocol is { } protocol)
        {
            Input.ProtocolId = protocol.Id;
            Input.SessionsPerWeek = protocol.SessionsPerWeek;
            Input.Weeks = protocol.Weeks;
            Input.Techniques = protocol.Techniques.Where(t => !Excluded.ContainsKey(t) && reference.FindTechnique(t)?.RequiresCertification is null).ToList();
            Input.Measures = protocol.Instruments.Take(MeasureRows).Select((code, i) => new MeasureInput { Instrument = code, EveryVisits = i == 0 ? 1 : 4 }).ToList();
            Input.Goals = [new GoalInput { Description = $"Reduce pain with {protocol.Condition.ToLowerInvariant()}", Instrument = protocol.Instruments[0], Target = "≤ 3" }];
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Rows left empty are not goals.
        Input.Goals = Input.Goals.Where(g => !string.IsNullOrWhiteSpace(g.Description) || !string.IsNullOrWhiteSpace(g.Target)).ToList();
        Input.Measures = Input.Measures.Where(m => !string.IsNullOrWhiteSpace(m.Instrument)).ToList();
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input.Goals", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        TryValidateModel(Input, nameof(Input));
        if (!ModelState.IsValid)
        {
            return await LoadAsync(cancellationToken) ? Page() : NotFound();
        }

        var plan = await workflow.CreateAsync(ReferralId, Input, cancellationToken);
        return plan is null ? NotFound() : RedirectToPage("/Plans/Details", new { id = plan.Id });
    }

    public Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    private Guid? AssignedTherapistId { get; set; }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == ReferralId, cancellationToken);
        if (referral is null)
        {
            return false;
        }

        AssignedTherapistId = referral.AssignedTherapistId;
        PatientName = (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == referral.PatientId, cancellationToken)).FullName;
        Protocol = reference.ProtocolsFor(referral.Diagnoses.OrderBy(d => d.Rank).Select(d => d.Code)).FirstOrDefault();
        var findings = await db.Findings.AsNoTracking().Where(f => f.PatientId == referral.PatientId && f.Status != FindingStatus.Resolved).ToListAsync(cancellationToken);
        Precautions = findings.Select(f => $"{f.Finding}: {f.ClinicianText}").Prepend(referral.Precautions).OfType<string>().ToList();
        Excluded = findings.SelectMany(f => f.ExcludedTechniques.Select(t => (t, f.Finding))).DistinctBy(x => x.t).ToDictionary(x => x.t, x => x.Finding);
        return true;
    }
}
