using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Tactus.Web.Features.Reports;

/// <summary>A small flowing layout over PDFsharp: headings, wrapped paragraphs, tables and charts, with page breaks.</summary>
internal sealed class PdfLayout : IDisposable
{
    private const double Margin = 50;
    private readonly PdfDocument document;
    private readonly string footer;
    private PdfPage page = null!;
    private XGraphics gfx = null!;

    public PdfLayout(PdfDocument document, string footer)
    {
        this.document = document;
        this.footer = footer;
        NewPage();
    }

    public XFont Body { get; } = new(ReportFonts.Family, 9.5, XFontStyleEx.Regular);
    public XFont Bold { get; } = new(ReportFonts.Family, 9.5, XFontStyleEx.Bold);
    public XFont Heading { get; } = new(ReportFonts.Family, 12, XFontStyleEx.Bold);
    public XFont Title { get; } = new(ReportFonts.Family, 16, XFontStyleEx.Bold);
    public XFont Small { get; } = new(ReportFonts.Family, 7.5, XFontStyleEx.Regular);

    public double Y { get; private set; }
    public double ContentWidth => page.Width.Point - 2 * Margin;

    public void Text(string text, XFont font, double spaceAfter = 4)
    {
        foreach (var line in Wrap(text, font, ContentWidth))
        {
            Need(font.Height + 2);
            gfx.DrawString(line, font, XBrushes.Black, new XRect(Margin, Y, ContentWidth, font.Height), XStringFormats.TopLeft);
            Y += font.Height + 1;
        }

        Y += spaceAfter;
    }

    public void Section(string title)
    {
        Need(Heading.Height + Body.Height * 3);
        Y += 6;
        Text(title, Heading, 2);
        gfx.DrawLine(XPens.Gray, Margin, Y, Margin + ContentWidth, Y);
        Y += 4;
    }

    /// <summary>A table with fractional column widths; rows wrap within their cells.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<double> widths)
    {
        var columns = widths.Select(w => w * ContentWidth).ToList();
        Row(headers, columns, Bold);
        foreach (var row in rows)
        {
            Row(row, columns, Body);
        }

        Y += 6;
    }

    public void Chart(Questionnaires.Administer.TrendChart chart, double scale)
    {
        var height = Questionnaires.Administer.TrendChart.Height * scale;
        Need(height + Body.Height + 6);
        var left = Margin;
        var top = Y;
        XPoint At(double x, double y) => new(left + x * scale, top + y * scale);
        var grid = new XPen(XColors.LightGray, 0.5);
        foreach (var tick in chart.YTicks)
        {
            gfx.DrawLine(grid, At(Questionnaires.Administer.TrendChart.Left, tick.Y), At(Questionnaires.Administer.TrendChart.Width - Questionnaires.Administer.TrendChart.Right, tick.Y));
            gfx.DrawString(tick.Label, Small, XBrushes.DimGray, At(Questionnaires.Administer.TrendChart.Left - 16, tick.Y + 3));
        }

        var line = new XPen(XColor.FromArgb(29, 78, 216), 1.5);
        for (var i = 1; i < chart.Marks.Count; i++)
        {
            gfx.DrawLine(line, At(chart.Marks[i - 1].X, chart.Marks[i - 1].Y), At(chart.Marks[i].X, chart.Marks[i].Y));
        }

        foreach (var mark in chart.Marks)
        {
            var p = At(mark.X, mark.Y);
            gfx.DrawEllipse(XBrushes.RoyalBlue, p.X - 2.5, p.Y - 2.5, 5, 5);
        }

        if (chart.Marks.Count > 0)
        {
            gfx.DrawString(chart.Marks[0].Date.ToString("yyyy-MM-dd"), Small, XBrushes.DimGray, At(chart.Marks[0].X, Questionnaires.Administer.TrendChart.Height - 8));
        }

        Y += height;
        Text(chart.Describe, Small, 8);
    }

    public void Dispose()
    {
        Footer();
        gfx.Dispose();
    }

    private void Row(IReadOnlyList<string> cells, List<double> columns, XFont font)
    {
        var wrapped = cells.Select((c, i) => Wrap(c, font, columns[i] - 6)).ToList();
        var height = wrapped.Max(w => w.Count) * (font.Height + 1) + 4;
        Need(height);
        var x = Margin;
        for (var i = 0; i < cells.Count; i++)
        {
            var y = Y + 2;
            foreach (var line in wrapped[i])
            {
                gfx.DrawString(line, font, XBrushes.Black, new XRect(x + 2, y, columns[i] - 4, font.Height), XStringFormats.TopLeft);
                y += font.Height + 1;
            }

            x += columns[i];
        }

        Y += height;
        gfx.DrawLine(new XPen(XColors.LightGray, 0.5), Margin, Y, Margin + ContentWidth, Y);
    }

    private void Need(double height)
    {
        if (Y + height > page.Height.Point - Margin - 20)
        {
            Footer();
            gfx.Dispose();
            NewPage();
        }
    }

    private void NewPage()
    {
        page = document.AddPage();
        page.Size = PdfSharp.PageSize.Letter;
        gfx = XGraphics.FromPdfPage(page);
        Y = Margin;
    }

    private void Footer() =>
        gfx.DrawString($"{footer} · page {document.PageCount}", Small, XBrushes.DimGray,
            new XRect(Margin, page.Height.Point - Margin + 10, ContentWidth, Small.Height), XStringFormats.TopLeft);

    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' '))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (current.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }

            lines.Add(current);
        }

        return lines;
    }
}
