using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Sessions;

/// <summary>A note as a physician or payer reads it: technique and region names, never internal ids.</summary>
public sealed record NoteView(SessionNote Note, ClinicalReference Reference)
{
    public string Technique(string id) => Reference.FindTechnique(id)?.Name ?? id;

    public string Region(string id) => Reference.RegionLabel(id);

    public static string Mark(BodyMark mark) => EditModel.MarkLabel(mark);
}
