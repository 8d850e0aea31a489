using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Sessions;

public sealed class EditModel(TactusDbContext db, ClinicalReference reference, SessionWorkflow workflow, Questionnaires.Administer.DueMeasures dueMeasures,
    Questionnaires.OrganizationInstruments instruments) : PageModel, IRedisplayablePage
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public NoteForm Form { get; set; } = new();

    public TreatmentSession? Session { get; private set; }
    public string PatientName { get; private set; } = "";
    public SessionRules.Limits Limits { get; private set; } = new(null, new HashSet<string>(), new HashSet<string>());
    public BodyChartView Chart { get; private set; } = null!;
    public Questionnaires.Administer.DueMeasures.View? Due { get; private set; }
    public Questionnaires.Administer.MeasuresSummary? Measures { get; private set; }
    public IReadOnlyList<ClinicalReference.BodyRegion> Regions => reference.Regions;
    public IReadOnlyList<ClinicalReference.Technique> Techniques => reference.Techniques;
    public ClinicalReference Reference => reference;

    /// <summary>The signer with discipline and licence, as the signature line reads.</summary>
    public string SignedBy { get; private set; } = "";

    public IReadOnlyDictionary<Guid, string> AmendedBy { get; private set; } = new Dictionary<Guid, string>();

    public string TechniqueName(string id) => reference.FindTechnique(id)?.Name ?? id;

    public string RegionName(string id) => reference.RegionLabel(id);

    public static string MarkLabel(BodyMark mark) => mark switch
    {
        BodyMark.Treated => "treated",
        BodyMark.Tenderness => "tenderness",
        BodyMark.TriggerPoint => "trigger point",
        BodyMark.RestrictedRange => "restricted range",
        BodyMark.Avoided => "avoided",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        Form = NoteForm.From(Session!.Note);
        Chart = Chart with { Marks = Session.Note.BodyChart };
        return Page();
    }

    public Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken) =>
        ActAsync(async ct => await workflow.DocumentAsync(Id, Form.ToNote(), ct), "Draft saved.", cancellationToken);

    public Task<IActionResult> OnPostSignAsync(CancellationToken cancellationToken) =>
        ActAsync(async ct => await workflow.DocumentAsync(Id, Form.ToNote(), ct) is null ? null : await workflow.SignAsync(Id, ct),
            "The note is signed and locked. Changes from now on are amendments.", cancellationToken);

    public Task<IActionResult> OnPostAmendAsync(CancellationToken cancellationToken) =>
        ActAsync(ct => workflow.AmendAsync(Id, Form.ToNote(), Form.AmendmentReason, ct), "Amendment saved; the original is kept.", cancellationToken);

    /// <summary>Shows the form again with what was typed, over the note as stored.</summary>
    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        if (!await LoadAsync(cancellationToken))
        {
            return false;
        }

        Chart = Chart with { Marks = Form.ToNote().BodyChart };
        return true;
    }

    private async Task<IActionResult> ActAsync(Func<CancellationToken, Task<TreatmentSession?>> action, string done, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return await ReloadForRedisplayAsync(cancellationToken) ? Page() : NotFound();
        }

        if (await action(cancellationToken) is null)
        {
            return NotFound();
        }

        TempData["Flash"] = done;
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        Session = await db.TreatmentSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == Id, cancellationToken);
        if (Session is null)
        {
            return false;
        }

        PatientName = (await db.Patients.AsNoTracking().SingleAsync(p => p.Id == Session.PatientId, cancellationToken)).FullName;
        Limits = await workflow.LimitsAsync(Session.PatientId, cancellationToken);
        Chart = new BodyChartView(Session.Note.BodyChart, Limits.AvoidRegions, reference);
        Due = Session.Status == SessionStatus.Draft ? await dueMeasures.ForVisitAsync(Session.ReferralId, Session, cancellationToken) : null;
        if (Session.SignedById is { } signer)
        {
            SignedBy = await SignerCredentials.DescribeAsync(db, signer, Session.SessionDate, cancellationToken);
            var amenders = Session.Amendments.Select(a => a.ById).Distinct().ToList();
            AmendedBy = await db.Users.Where(u => amenders.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        }
        Measures = await Features.Questionnaires.Administer.MeasuresSummary.BuildAsync(db, instruments, Session.PatientId, canAdminister: true, cancellationToken);
        return true;
    }
}
