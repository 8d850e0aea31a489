using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Sessions;

/// <summary>What the body chart shows: marks from the note and the regions screening says to avoid.</summary>
public sealed record BodyChartView(IReadOnlyList<RegionMark> Marks, IReadOnlySet<string> Avoid, ClinicalReference Reference)
{
    public string Label(string id) => Reference.RegionLabel(id);

    public string CssFor(string id) =>
        Avoid.Contains(id) || Marks.Any(m => m.Region == id && m.Mark == BodyMark.Avoided) ? "avoid"
        : Marks.Any(m => m.Region == id && m.Mark == BodyMark.Treated) ? "treated"
        : Marks.Any(m => m.Region == id) ? "finding" : "";

    public string MarkText(string id)
    {
        var marks = Marks.Where(m => m.Region == id).Select(m => m.Mark.ToString().ToLowerInvariant()).ToList();
        if (Avoid.Contains(id))
        {
            marks.Add("avoid (screening)");
        }

        return marks.Count == 0 ? "" : ": " + string.Join(", ", marks);
    }

    public string Summary
    {
        get
        {
            var parts = Marks.GroupBy(m => m.Mark).Select(g => $"{g.Key.ToString().ToLowerInvariant()}: {string.Join(", ", g.Select(m => Label(m.Region)))}").ToList();
            if (Avoid.Count > 0)
            {
                parts.Add("avoid: " + string.Join(", ", Avoid.Select(Label)));
            }

            return parts.Count == 0 ? "nothing marked" : string.Join("; ", parts);
        }
    }
}
