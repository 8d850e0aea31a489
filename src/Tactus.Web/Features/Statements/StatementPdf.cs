using System.Globalization;
using PdfSharp.Pdf;
using Tactus.Web.Features.Reports;

namespace Tactus.Web.Features.Statements;

/// <summary>The patient's statement as a PDF to post or hand over: charges, payments, running balance, amount due.</summary>
public static class StatementPdf
{
    public static string FileName(PatientStatement statement, DateOnly on) => $"statement-{on:yyyy-MM-dd}.pdf";

    public static byte[] Render(PatientStatement statement, string organizationName, DateOnly printedOn)
    {
        ReportFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"Statement for {statement.PatientName}";
        document.Info.Creator = "Tactus";
        using (var pdf = new PdfLayout(document, $"{organizationName} · patient statement · confidential"))
        {
            pdf.Text("Patient statement", pdf.Title, 2);
            pdf.Text($"{organizationName}. Printed {printedOn:yyyy-MM-dd}.", pdf.Small, 8);
            pdf.Text(statement.PatientName, pdf.Bold, 2);
            if (statement.Address is { } address)
            {
                pdf.Text(address, pdf.Body, 8);
            }

            pdf.Section("Charges and payments");
            pdf.Table(["Date", "Description", "Charge", "Payment", "Balance"],
                [.. statement.Lines.Select(l => (IReadOnlyList<string>)[l.Date.ToString("yyyy-MM-dd"), l.Description, Money(l.Charge), Money(l.Payment), Money(l.Balance)])],
                [0.13, 0.51, 0.12, 0.12, 0.12]);
            pdf.Section("Amount due");
            pdf.Text(statement.Balance > 0 ? $"{Money(statement.Balance)} is due." : statement.Balance < 0 ? $"You are in credit by {Money(-statement.Balance)}." : "Nothing is due.",
                pdf.Bold);
        }

        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static string Money(decimal? amount) => amount?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
}
