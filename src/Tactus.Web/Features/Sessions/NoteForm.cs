using System.ComponentModel.DataAnnotations;

namespace Tactus.Web.Features.Sessions;

/// <summary>The note as the form posts it; turned into a SessionNote for the workflow.</summary>
public sealed class NoteForm
{
    public const int TechniqueRows = 4;
    public const int AdverseRows = 2;

    [StringLength(4000)] public string? Subjective { get; set; }
    [StringLength(4000)] public string? Objective { get; set; }
    [StringLength(4000)] public string? Assessment { get; set; }
    [StringLength(4000)] public string? Plan { get; set; }
    public Dictionary<string, BodyMark?> Marks { get; set; } = [];
    public List<TechniqueRow> Techniques { get; set; } = [];
    [StringLength(2000)] public string? PatientResponse { get; set; }
    [Range(0, 10, ErrorMessage = "Pain after is on a 0-10 scale.")] public int? PainAfter { get; set; }
    [Range(0, 10, ErrorMessage = "Stress after is on a 0-10 scale.")] public int? StressAfter { get; set; }
    public List<AdverseRow> AdverseEvents { get; set; } = [];
    [StringLength(500)] public string? AmendmentReason { get; set; }

    public sealed class TechniqueRow
    {
        public string? Technique { get; set; }
        public string? Region { get; set; }
        public int? Minutes { get; set; }
        public int? Pressure { get; set; }
    }

    public sealed class AdverseRow
    {
        public string? Kind { get; set; }
        public AdverseSeverity Severity { get; set; }
        [StringLength(500)] public string? Note { get; set; }
    }

    public static readonly string[] AdverseKinds = ["soreness", "bruising", "dizziness", "nausea", "headache", "skin reaction", "emotional distress", "other"];

    public SessionNote ToNote() => new()
    {
        Subjective = Clean(Subjective), Objective = Clean(Objective), Assessment = Clean(Assessment), Plan = Clean(Plan),
        BodyChart = Marks.Where(m => m.Value is not null).Select(m => new RegionMark(m.Key, m.Value!.Value)).OrderBy(m => m.Region, StringComparer.Ordinal).ToList(),
        Techniques = Techniques.Where(t => !string.IsNullOrWhiteSpace(t.Technique))
            .Select(t => new TechniqueApplied(t.Technique!, t.Region ?? "", t.Minutes ?? 0, t.Pressure ?? 0)).ToList(),
        PatientResponse = Clean(PatientResponse), PainAfter = PainAfter, StressAfter = StressAfter,
        AdverseEvents = AdverseEvents.Where(a => !string.IsNullOrWhiteSpace(a.Kind)).Select(a => new AdverseEvent(a.Kind!, a.Severity, Clean(a.Note))).ToList(),
    };

    public static NoteForm From(SessionNote note) => new()
    {
        Subjective = note.Subjective, Objective = note.Objective, Assessment = note.Assessment, Plan = note.Plan,
        Marks = note.BodyChart.ToDictionary(m => m.Region, m => (BodyMark?)m.Mark),
        Techniques = note.Techniques.Select(t => new TechniqueRow { Technique = t.Technique, Region = t.Region, Minutes = t.Minutes, Pressure = t.Pressure }).ToList(),
        PatientResponse = note.PatientResponse, PainAfter = note.PainAfter, StressAfter = note.StressAfter,
        AdverseEvents = note.AdverseEvents.Select(a => new AdverseRow { Kind = a.Kind, Severity = a.Severity, Note = a.Note }).ToList(),
    };

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
