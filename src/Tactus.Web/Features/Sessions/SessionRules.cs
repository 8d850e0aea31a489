using Tactus.Web.Features.Practitioners;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Sessions;

/// <summary>
/// What a documented session must respect, pure: known techniques and regions, the patient's pressure
/// ceiling, excluded techniques and avoided regions from screening, the therapist's certifications.
/// </summary>
[PureEngine]
public static class SessionRules
{
    public sealed record Limits(int? MaxPressure, IReadOnlySet<string> ExcludedTechniques, IReadOnlySet<string> AvoidRegions);

    public static IReadOnlyList<string> Problems(SessionNote note, Limits limits, Practitioner? therapist, ClinicalReference reference, DateOnly today)
    {
        var problems = new List<string>();
        foreach (var applied in note.Techniques)
        {
            var technique = reference.FindTechnique(applied.Technique);
            if (technique is null)
            {
                problems.Add($"Unknown technique '{applied.Technique}'.");
                continue;
            }

            if (!reference.IsRegion(applied.Region))
            {
                problems.Add($"{technique.Name}: unknown body region '{applied.Region}'.");
            }

            if (applied.Minutes is < 1 or > 120)
            {
                problems.Add($"{technique.Name}: minutes must be between 1 and 120.");
            }

            if (applied.Pressure is < 1 or > 5)
            {
                problems.Add($"{technique.Name}: pressure is on the 1-5 scale.");
            }
            else if (applied.Pressure > limits.MaxPressure)
            {
                problems.Add($"{technique.Name} at pressure {applied.Pressure} is above this patient's limit of {limits.MaxPressure}.");
            }

            if (limits.ExcludedTechniques.Contains(technique.Id))
            {
                problems.Add($"{technique.Name} is excluded for this patient by screening.");
            }

            if (limits.AvoidRegions.Contains(applied.Region))
            {
                problems.Add($"{reference.RegionLabel(applied.Region)} is to be avoided for this patient.");
            }

            if (technique.RequiresCertification is { } certification && !CredentialRules.HoldsCertificationOn(therapist, certification, today))
            {
                problems.Add($"{technique.Name} needs the {certification.Replace('-', ' ')} certification, which you do not hold.");
            }
        }

        problems.AddRange(note.BodyChart.Where(m => !reference.IsRegion(m.Region)).Select(m => $"Body chart: unknown region '{m.Region}'."));
        problems.AddRange(note.BodyChart.Where(m => m.Mark == BodyMark.Treated && limits.AvoidRegions.Contains(m.Region))
            .Select(m => $"Body chart: {reference.RegionLabel(m.Region)} is marked treated but is to be avoided."));
        if (note.PainAfter is < 0 or > 10 || note.StressAfter is < 0 or > 10)
        {
            problems.Add("Pain and stress after the session are on a 0-10 scale.");
        }

        return problems;
    }
}
