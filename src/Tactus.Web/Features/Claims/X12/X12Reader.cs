using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims.X12;

/// <summary>One segment: its id and elements (element 0 is the id, so element n is the X12 "01", "02" … position).</summary>
public sealed record X12Segment(IReadOnlyList<string> Elements)
{
    public string Id => Elements[0];

    /// <summary>The element at an X12 position (1-based), or "" when the segment is shorter.</summary>
    public string this[int position] => position < Elements.Count ? Elements[position] : "";

    public string[] Components(int position, char separator) => this[position].Split(separator);
}

/// <summary>
/// Splits an X12 interchange into segments using the delimiters its ISA header declares (X12.5/X12.6: the
/// element separator is the 4th character, the component separator ISA16 and the segment terminator the
/// character after it, at 106 characters). Throws FormatException with a plain reason when that is not so.
/// </summary>
[PureEngine]
public static class X12Reader
{
    public const int IsaLength = 106;

    public static (X12Separators Separators, IReadOnlyList<X12Segment> Segments) Read(string text)
    {
        var trimmed = text.TrimStart('\uFEFF', ' ', '\r', '\n', '\t');
        if (!trimmed.StartsWith("ISA", StringComparison.Ordinal) || trimmed.Length < IsaLength)
        {
            throw new FormatException("This is not an X12 file: it must start with an ISA interchange header.");
        }

        var element = trimmed[3];
        var isaElements = trimmed[..(IsaLength - 1)].Split(element);
        if (isaElements.Length != 17 || isaElements[16].Length != 1)
        {
            throw new FormatException("The ISA header is not the fixed 106 characters with 16 elements the X12 standard requires.");
        }

        var separators = new X12Separators(element, isaElements[16][0], isaElements[11].Length == 1 ? isaElements[11][0] : '^', trimmed[IsaLength - 1]);
        var segments = trimmed.Split(separators.Segment)
            .Select(s => s.Trim('\r', '\n'))
            .Where(s => s.Length > 0)
            .Select(s => new X12Segment(s.Split(separators.Element)))
            .ToList();
        return (separators, segments);
    }
}
