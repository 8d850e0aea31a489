using PdfSharp.Pdf;
using Tactus.Web.Features.Reports;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// The programme report a manager hands to a payer or a hospital board (issue 14 §1): the same figures as the page and
/// the CSV, with the method and its limits stated first, so no figure travels without how sure it is.
/// </summary>
public static class OutcomesPdf
{
    public static byte[] Render(IReadOnlyList<ProgrammeOutcomes.Condition> conditions, string organizationName, string period, bool suppress, DateOnly printedOn)
    {
        ReportFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"Programme outcomes, {organizationName}";
        document.Info.Creator = "Tactus";
        using (var pdf = new PdfLayout(document, $"{organizationName} · programme outcomes · {period}"))
        {
            pdf.Text("Programme outcomes by condition", pdf.Title, 2);
            pdf.Text($"{organizationName}. Episodes referred {period}. Printed {printedOn:yyyy-MM-dd}.", pdf.Small, 8);
            pdf.Section("Method and limits");
            pdf.Text("An episode is a referral for a diagnosis the condition covers. Change runs from the first questionnaire score after the referral to the last. "
                + "Completers are patients with a later score; the last-observation figure counts everyone with a first score, carrying it forward when no later one exists. "
                + "Intervals are 95 % confidence intervals (Student's t for means, Wilson for proportions, exact Poisson for adverse-event rates). "
                + "Responders improved by at least the instrument's minimal clinically important difference. "
                + "These are before-and-after figures without a comparison group: they show change, not what caused it.", pdf.Body, 4);
            if (suppress)
            {
                pdf.Text($"Groups of fewer than {OutcomeStatistics.SmallCellThreshold} patients are shown as <{OutcomeStatistics.SmallCellThreshold}, without figures.", pdf.Body, 4);
            }

            foreach (var condition in conditions)
            {
                var f = condition.Funnel;
                string N(int n) => OutcomeView.Count(n, suppress);
                pdf.Section($"{condition.Protocol.Condition} (published evidence: {condition.Protocol.Certainty} certainty)");
                pdf.Text($"Referred {N(f.Referred)}; started {N(f.Started)}; completed {N(f.Completed)}; dropped out {N(f.DroppedOut)}; signed visits {N(f.Sessions)}.", pdf.Body, 4);
                if (condition.Instruments.Count > 0)
                {
                    pdf.Table(["Instrument", "Baseline / followed", "Completers: mean change", "Effect size", "Last observation: mean change", "Responders"],
                        [.. condition.Instruments.Select(o => Row(o, suppress))], [0.1, 0.13, 0.25, 0.09, 0.23, 0.2]);
                }

                pdf.Text("Adverse events per 100 visits: " + string.Join("; ", condition.Safety.BySeverity.Select(s =>
                    $"{s.Severity.ToString().ToLowerInvariant()} {(s.Rate is null || (suppress && OutcomeStatistics.IsSuppressed(s.Rate.Events)) ? "—" : OutcomeView.Rate(s.Rate))}")), pdf.Small, 6);
                string Change(OutcomeStatistics.MeanChange? change) => change is null || change.N == 0 || (suppress && OutcomeStatistics.IsSuppressed(change.N)) ? "—" : OutcomeView.MeanChange(change);
                if (condition.Safety.PainWithinVisit is { } pain)
                {
                    pdf.Text($"Within a visit (check-in to after, 0-10; visits, not patients, so intervals are too narrow): pain {Change(pain)}; stress {Change(condition.Safety.StressWithinVisit)}; "
                        + $"{N(pain.N)} visits.", pdf.Small, 4);
                }

                if (condition.Opioids is { } opioids)
                {
                    pdf.Text($"Opioid MME per day, referral to last visit: {Change(opioids)}; {N(opioids.N)} episodes with opioids recorded.", pdf.Small, 4);
                }

                if (condition.Use is { } use)
                {
                    pdf.Text($"Health-care use, {use.WindowDays} days after the referral against the {use.WindowDays} before (no comparison group): events per patient {Change(use.Events)}; "
                        + $"cost per patient {Change(use.Cost)}; {N(use.Events.N)} episodes.", pdf.Small, 4);
                }
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }

    private static IReadOnlyList<string> Row(ProgrammeOutcomes.InstrumentOutcome o, bool suppress)
    {
        var shown = o.Disclose(suppress);
        return [
            o.Instrument.Code, $"{OutcomeView.Count(o.WithBaseline, suppress)} / {OutcomeView.Count(o.Followed, suppress)}",
            shown.Completers ? OutcomeView.MeanChange(o.Completers) : "—", shown.Completers ? OutcomeView.Effect(o.Completers.EffectSize) : "—",
            shown.LastObservation ? OutcomeView.MeanChange(o.LastObservation) : "—",
            shown.Responders ? OutcomeView.Proportion(o.Responders) : "—",
        ];
    }
}
