using PdfSharp.Pdf;
using Tactus.Web.Features.Reports;

namespace Tactus.Web.Features.Outcomes;

/// <summary>
/// The value report as a PDF (issue 14 §3), for a payer or a hospital board: the method and its limits first, then the two
/// groups, the differences with their intervals, the ratio, the net benefit, the acceptability curve as a table and the
/// one-way sensitivity; withheld as on the page when an arm is too small for a researcher.
/// </summary>
public static class ValuePdf
{
    public static byte[] Render(ProgrammeValue.Result r, string organizationName, string period, bool withheld, DateOnly printedOn)
    {
        ReportFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"Programme value, {organizationName}";
        document.Info.Creator = "Tactus";
        var unit = ValueView.EffectUnit(r.Request.Measure);
        using (var pdf = new PdfLayout(document, $"{organizationName} · programme value · {period}"))
        {
            pdf.Text($"Programme value: {r.Protocol.Condition}, {r.Instrument.Name}", pdf.Title, 2);
            pdf.Text($"{organizationName}. Episodes referred {period}. Compared with {ValueView.ComparisonLabel(r.Request.Against)}. Printed {printedOn:yyyy-MM-dd}.", pdf.Small, 8);
            pdf.Section("Method and limits");
            foreach (var line in ValueView.Method(r))
            {
                pdf.Text(line, pdf.Body, 4);
            }

            if (withheld)
            {
                pdf.Section("Figures withheld");
                pdf.Text($"A group has fewer than {OutcomeStatistics.SmallCellThreshold} patients; its figures are withheld.", pdf.Body, 4);
            }
            else
            {
                pdf.Section("The two groups");
                pdf.Table(["Group", "Patients", "Visits per episode", "Health-care use cost", "Total cost per patient", r.Request.Measure == ProgrammeValue.Effect.Qalys ? "QALYs per patient (unadjusted)" : "Effect per patient"],
                    [.. new[] { r.Intervention, r.Control }.Select(a => (IReadOnlyList<string>)[a.Label, a.N.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        a.MeanVisits.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture), ValueView.Money(a.MeanUseCost), ValueView.Money(a.MeanCost), ValueView.Effect(a.MeanEffect, r.Request.Measure)])],
                    [0.26, 0.1, 0.14, 0.17, 0.17, 0.16]);
                if (r.Icer is { } icer && r.NetMonetaryBenefit is { } nmb)
                {
                    pdf.Section("Differences (treated minus comparison)");
                    pdf.Text($"Cost per patient: {ValueView.Money(icer.DeltaCost)} (95 % interval {ValueView.Between(r.DeltaCost, ValueView.Money)}).", pdf.Body, 2);
                    pdf.Text($"Effect per patient{(r.Request.Measure == ProgrammeValue.Effect.Qalys ? " (QALYs, adjusted for baseline utility)" : "")}: {ValueView.Effect(icer.DeltaEffect, r.Request.Measure)} (95 % interval {ValueView.Between(r.DeltaEffect, e => ValueView.Effect(e, r.Request.Measure))}).", pdf.Body, 2);
                    pdf.Text($"Incremental cost-effectiveness ratio: {icer.Describe("$", unit)}.", pdf.Body, 2);
                    pdf.Text($"Net monetary benefit at {ValueView.Money(r.Request.WillingnessToPay)} per {unit}: {ValueView.Money(nmb)} per patient "
                        + $"(95 % interval {ValueView.Between(r.NetBenefit, ValueView.Money)}).", pdf.Body, 6);
                    pdf.Section("Probability the programme is cost-effective");
                    pdf.Table(["Willingness to pay per " + unit, "Probability"],
                        [.. r.Acceptability.Where((_, i) => i % 5 == 0).Select(c => (IReadOnlyList<string>)[ValueView.Money(c.WillingnessToPay), $"{100 * c.Probability:0} %"])],
                        [0.5, 0.5]);
                    pdf.Section("One-way sensitivity");
                    pdf.Table(["Input", "Low", "Ratio at low", "High", "Ratio at high"],
                        [.. r.Sensitivity.Select(s => (IReadOnlyList<string>)[s.Input, s.Low, s.AtLow.Describe("$", unit), s.High, s.AtHigh.Describe("$", unit)])],
                        [0.2, 0.1, 0.3, 0.1, 0.3]);
                }
                else
                {
                    pdf.Text("One group has no patients with a first and a later score, so there is nothing to compare yet.", pdf.Body, 4);
                }

                pdf.Text($"Programme cost per responder: {(r.ProgrammeCostPerResponder is { } perResponder ? ValueView.Money(perResponder) : "— (no responder)")}; "
                    + $"per point improved: {(r.ProgrammeCostPerPoint is { } perPoint ? ValueView.Money(perPoint) : "— (no net improvement)")}.", pdf.Body, 4);
            }
        }

        using var stream = new MemoryStream();
        document.Save(stream);
        return stream.ToArray();
    }
}
