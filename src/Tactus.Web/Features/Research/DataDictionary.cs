using System.Globalization;
using System.Text;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Research;

/// <summary>The data dictionary written beside every de-identified export: the columns it holds, as CSV and as Markdown with the method.</summary>
public static class DataDictionary
{
    public static string Csv(IReadOnlySet<string> allowed)
    {
        var csv = new StringBuilder(Web.Csv.Line(["file", "column", "field_group", "type", "description", "safe_harbor"]));
        foreach (var c in ResearchFields.Columns.Where(c => allowed.Contains(c.Group)))
        {
            csv.Append(Web.Csv.Line([Web.Csv.Text(c.File), Web.Csv.Text(c.Name), Web.Csv.Text(c.Group), Web.Csv.Text(c.Type),
                Web.Csv.Text(c.Description), Web.Csv.Text(c.SafeHarbor)]));
        }

        return csv.ToString();
    }

    public static string Markdown(ResearchProtocol protocol, IReadOnlySet<string> allowed, DeIdentifiedExport.Counts counts, string zipListVersion, DateOnly exportedOn)
    {
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# De-identified dataset: {Line(protocol.Title)}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"- Approved by: {Line(protocol.Approver)}, on {protocol.ApprovedOn:yyyy-MM-dd}; runs {protocol.StartsOn:yyyy-MM-dd} to {protocol.EndsOn:yyyy-MM-dd}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Exported in: {exportedOn.Year}");
        md.AppendLine(CultureInfo.InvariantCulture, $"- Rows: {counts.Patients} patients, {counts.Episodes} episodes, {counts.Sessions} visits, {counts.Scores} questionnaire scores, {counts.MedicinesAndUse} episodes with opioids and use (a file not approved is not written)");
        md.AppendLine();
        md.AppendLine("## Method");
        md.AppendLine();
        md.AppendLine("HIPAA Safe Harbor, 45 CFR 164.514(b)(2): none of the 18 identifiers is exported. Dates are reduced to the year, and visits and scores carry their order instead of a date. Ages of 90 or more are grouped as \"90+\" and their birth year is left empty. ZIP codes keep their first three digits, or \"000\" where the three-digit area holds 20,000 people or fewer");
        md.AppendLine(CultureInfo.InvariantCulture, $"(restricted-area list: {zipListVersion}). Free text (notes, reasons, comments, answers' words) is never exported. Ids are random for this export and cannot be traced back.");
        md.AppendLine("Patients whose latest health history withdrew consent to data use are left out.");
        md.AppendLine();
        md.AppendLine("Limits: Safe Harbor also requires that the organisation has no actual knowledge that what remains could identify a person (164.514(b)(2)(ii)); rare conditions in small areas can still single someone out. Keep the data as the protocol says.");
        md.AppendLine();
        md.AppendLine("## Columns");
        foreach (var file in ResearchFields.Columns.Where(c => allowed.Contains(c.Group)).GroupBy(c => c.File))
        {
            md.AppendLine();
            md.AppendLine(CultureInfo.InvariantCulture, $"### {file.Key}");
            md.AppendLine();
            md.AppendLine("| Column | Type | Description | Safe Harbor |");
            md.AppendLine("|---|---|---|---|");
            foreach (var c in file)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {c.Name} | {Cell(c.Type)} | {Cell(c.Description)} | {Cell(c.SafeHarbor)} |");
            }
        }

        return md.ToString();
    }

    private static string Line(string text) => text.ReplaceLineEndings(" ");

    private static string Cell(string text) => Line(text).Replace("|", "\\|", StringComparison.Ordinal);
}
