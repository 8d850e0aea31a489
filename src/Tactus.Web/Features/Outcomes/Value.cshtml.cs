using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Scheduling;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// The value report (issue 14 §3): for one condition and instrument, what a treated episode cost and achieved against
/// a comparison group the user chooses and names, with bootstrap intervals, the cost-effectiveness plane, the
/// acceptability curve and one-way sensitivity. A researcher sees nothing of an arm under 11 patients.
/// </summary>
public sealed class ValueModel(ProgrammeValue value, InstrumentCatalog catalog, OrganizationClock clock, OrganizationName organization, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Condition { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Instrument { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProgrammeValue.Comparison Against { get; set; } = ProgrammeValue.Comparison.NotStarted;

    [BindProperty(SupportsGet = true)]
    public ProgrammeValue.Effect Measure { get; set; } = ProgrammeValue.Effect.Points;

    [BindProperty(SupportsGet = true)]
    public double WillingnessToPay { get; set; } = 100;

    [BindProperty(SupportsGet = true)]
    public int HorizonWeeks { get; set; } = ProgrammeValue.DefaultHorizonWeeks;

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public IReadOnlyList<Screening.ClinicalReference.Protocol> Conditions => value.Conditions;

    public IReadOnlyList<InstrumentDefinition> Instruments { get; private set; } = [];

    public ProgrammeValue.Result? Result { get; private set; }

    public bool SuppressSmallCells => User.IsInRole(Roles.Researcher);

    /// <summary>An arm too small for a researcher to see: the whole comparison is withheld, since one arm's figures follow from the other's and the difference.</summary>
    public bool Withheld => SuppressSmallCells && Result is { } r && (OutcomeStatistics.IsSuppressed(r.Intervention.N) || OutcomeStatistics.IsSuppressed(r.Control.N));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var protocol = Conditions.FirstOrDefault(p => p.Id == Condition);
        // The condition's instruments, and any utility instrument (EQ-5D-5L), which no protocol names but any patient may complete.
        Instruments = protocol is null ? [] : [.. protocol.Instruments.Select(catalog.Find).OfType<InstrumentDefinition>(),
            .. catalog.Instruments.Where(i => i.Scoring.Method == "utility")];
        if (Condition is null)
        {
            return Page();
        }

        if (protocol is null)
        {
            ModelState.AddModelError(nameof(Condition), "Choose a condition from the protocol library.");
        }
        else if (Instrument is not null && Instruments.All(i => i.Code != Instrument))
        {
            ModelState.AddModelError(nameof(Instrument), "Choose one of the condition's instruments.");
        }

        if (!double.IsFinite(WillingnessToPay) || WillingnessToPay <= 0 || WillingnessToPay > 10_000_000)
        {
            ModelState.AddModelError(nameof(WillingnessToPay), "The willingness to pay is above 0 and at most 10,000,000.");
        }

        if (From is { } from && To is { } to && to < from)
        {
            ModelState.AddModelError(nameof(To), "The period's end is before its start.");
        }

        if (!Enum.IsDefined(Against) || !Enum.IsDefined(Measure))
        {
            ModelState.AddModelError(nameof(Against), "Choose the comparison group and the effect from the lists.");
        }
        else if (Measure == ProgrammeValue.Effect.Qalys && Instruments.FirstOrDefault(i => i.Code == Instrument) is { } chosen
            && ProgrammeValue.QalyProblem(chosen, Against) is { } problem)
        {
            ModelState.AddModelError(nameof(Measure), problem);
        }

        if (HorizonWeeks is < 4 or > 260)
        {
            ModelState.AddModelError(nameof(HorizonWeeks), "The QALY horizon is 4 to 260 weeks.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Instrument ??= (Measure == ProgrammeValue.Effect.Qalys ? Instruments.LastOrDefault() : Instruments.FirstOrDefault())?.Code;
        if (Instrument is null)
        {
            return Page();
        }

        if (Measure == ProgrammeValue.Effect.Qalys && ProgrammeValue.QalyProblem(Instruments.First(i => i.Code == Instrument), Against) is { } qalyProblem)
        {
            ModelState.AddModelError(nameof(Measure), qalyProblem);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var zone = await clock.ZoneAsync(cancellationToken);
        var filter = new ProgrammeOutcomes.Filter(
            From is { } start ? SlotRules.At(start, TimeOnly.MinValue, zone) : null,
            To is { } end ? SlotRules.At(end.AddDays(1), TimeOnly.MinValue, zone) : null);
        Result = await value.AnalyseAsync(new ProgrammeValue.Request(Condition, Instrument, Against, Measure, WillingnessToPay, filter, HorizonWeeks: HorizonWeeks),
            cancellationToken);
        return Page();
    }

    public string EffectUnit => ValueView.EffectUnit(Measure);

    public string PdfLink => $"/Outcomes/Value?handler=Pdf&Condition={Uri.EscapeDataString(Condition ?? "")}&Instrument={Uri.EscapeDataString(Instrument ?? "")}"
        + $"&Against={Against}&Measure={Measure}&WillingnessToPay={WillingnessToPay.ToString(System.Globalization.CultureInfo.InvariantCulture)}&HorizonWeeks={HorizonWeeks}"
        + $"&From={From?.ToString("yyyy-MM-dd")}&To={To?.ToString("yyyy-MM-dd")}";

    public async Task<IActionResult> OnGetPdfAsync(CancellationToken cancellationToken)
    {
        if (await OnGetAsync(cancellationToken) is not PageResult || Result is not { } result || Condition is null)
        {
            return Page();
        }

        var today = clock.Date(time.GetUtcNow());
        var period = OutcomeView.Period(From, To);
        return File(ValuePdf.Render(result, await organization.CurrentAsync(cancellationToken), period, Withheld, today),
            "application/pdf", $"programme-value-{result.Protocol.Id}-{today:yyyy-MM-dd}.pdf");
    }
}
