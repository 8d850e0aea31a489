using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Shared;

/// <summary>
/// A touch-friendly choice of body regions: a check box per region, grouped front and back, instead of a
/// multi-select list that needs Ctrl-click. Posts one value per chosen region under <see cref="Name"/>.
/// </summary>
public sealed record RegionPicker(string Name, string Legend, IReadOnlyCollection<string> Selected, IReadOnlyList<ClinicalReference.BodyRegion> Regions)
{
    public string Id => "rp-" + new string(Name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray());

    public IEnumerable<IGrouping<string, ClinicalReference.BodyRegion>> ByView => Regions.GroupBy(r => r.View);
}
