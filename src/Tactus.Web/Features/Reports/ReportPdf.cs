using PdfSharp.Pdf;

namespace Tactus.Web.Features.Reports;

/// <summary>The report as a PDF with selectable text, rendered from the same content snapshot as the page.</summary>
public static class ReportPdf
{
    public static string FileName(OutcomeReport report) =>
        $"{report.Title.Replace(' ', '-').ToLowerInvariant()}-{report.Content.PeriodTo:yyyy-MM-dd}.pdf";

    public static byte[] Render(OutcomeReport report, string organizationName, TimeZoneInfo zone)
    {
        ReportFonts.Register();
        var c = report.Content;
        using var document = new PdfDocument();
        document.Info.Title = $"{report.Title}: {c.PatientName}";
        document.Info.Author = c.Therapist;
        document.Info.Creator = "Tactus";
        using (var pdf = new PdfLayout(document, $"{organizationName} · {report.Title} · {c.PatientName} · confidential health information"))
        {
            pdf.Text($"{report.Title}", pdf.Title, 2);
            pdf.Text($"{organizationName}. {(report.SentAt is { } sent ? $"Sent {Organizations.OrganizationClock.Format(sent, zone)}" : "Draft, not yet sent")}.", pdf.Body, 8);
            pdf.Text($"Patient: {c.PatientName}{(c.BirthDate is { } born ? $", born {born:yyyy-MM-dd}" : "")}", pdf.Bold, 2);
            pdf.Text($"Referred by {c.ReferringClinician}{(c.ReferredOn is { } on ? $" on {on:yyyy-MM-dd}" : "")}: {c.ReferralReason}", pdf.Body, 2);
            pdf.Text("Diagnoses: " + string.Join("; ", c.Diagnoses.Select(d => $"{d.Code} {d.Display}")), pdf.Body, 2);
            pdf.Text($"Therapist: {c.Therapist}", pdf.Body);

            pdf.Section("Sessions");
            pdf.Text(ReportText.Sessions(c), pdf.Body);

            pdf.Section("Goals");
            pdf.Table(ReportText.GoalHeaders, c.Goals.Select(ReportText.GoalCells).ToList(), [0.36, 0.14, 0.12, 0.1, 0.28]);

            pdf.Section("Outcomes");
            if (c.Outcomes.Count == 0)
            {
                pdf.Text("No scored questionnaires in this period.", pdf.Body);
            }
            else
            {
                pdf.Table(ReportText.OutcomeHeaders, c.Outcomes.Select(ReportText.OutcomeCells).ToList(), [0.26, 0.1, 0.1, 0.14, 0.1, 0.3]);
                if (ReportText.BandNotes(c) is { Count: > 0 } notes)
                {
                    pdf.Text(string.Join("\n", notes), pdf.Body);
                }

                foreach (var outcome in c.Outcomes)
                {
                    pdf.Chart(ReportText.Chart(outcome), 1.2);
                }
            }

            pdf.Section("Adverse events");
            pdf.Text(c.AdverseEvents.Count == 0 ? "None recorded." : string.Join("\n", c.AdverseEvents.Select(a => $"{a.Date:yyyy-MM-dd}: {a.Description}")), pdf.Body);

            pdf.Section("Therapist's assessment");
            pdf.Text(report.Assessment ?? "Not yet written.", pdf.Body);
            pdf.Section("Recommendation");
            pdf.Text(report.Recommendation ?? "Not yet written.", pdf.Body);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }
}
