using System.Reflection;
using PdfSharp.Fonts;

namespace Tactus.Web.Features.Reports;

/// <summary>
/// PDFsharp needs font files; a fresh server has none, so the report fonts (DejaVu Sans, permissive
/// Bitstream Vera licence, Reference/Fonts/LICENSE-DejaVu.txt) are embedded in the application.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly object Gate = new();
    private static bool registered;

    public static void Register()
    {
        lock (Gate)
        {
            if (!registered)
            {
                GlobalFontSettings.FontResolver = new ReportFonts();
                registered = true;
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[]? GetFont(string faceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Tactus.Web.Reference.Fonts.{faceName}.ttf")
            ?? throw new InvalidOperationException($"The report font {faceName} is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
