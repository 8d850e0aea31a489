using System.Reflection;
using System.Text.Json;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Practitioners;

/// <summary>
/// Each state's continuing-education requirement per licence cycle (Reference/Credentials/continuing-education.json,
/// a reviewed file citing the state rule), and how far a practitioner's recorded hours meet it. The cycle is the
/// licence's renewal period, ending on its expiry date. Pure: no web, no database.
/// </summary>
[PureEngine]
public sealed class ContinuingEducationRules
{
    public sealed record Minimum(string Topic, double Hours, string Label, string Rule, bool Once = false);

    public sealed record Requirement(string State, string Discipline, int CycleYears, double Hours, string Source, string Url, IReadOnlyList<Minimum> Minimums);

    public sealed record Entry(DateOnly CompletedOn, double Hours, string Topic);

    public sealed record Shortfall(string What, double Hours);

    public sealed record Progress(Requirement Requirement, DateOnly CycleStarts, DateOnly CycleEnds, double Hours, IReadOnlyList<Shortfall> Short)
    {
        public bool IsShort => Short.Count > 0;
    }

    private sealed record File(List<Requirement> Requirements, Dictionary<string, string> Topics);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private readonly File _file;

    public ContinuingEducationRules()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tactus.Web.Reference.Credentials.continuing-education.json")
            ?? throw new InvalidOperationException("Reference/Credentials/continuing-education.json is not embedded.");
        _file = JsonSerializer.Deserialize<File>(stream, Options) ?? throw new InvalidOperationException("continuing-education.json is empty.");
    }

    /// <summary>The topics hours are recorded under, with their wording.</summary>
    public IReadOnlyDictionary<string, string> Topics => _file.Topics;

    public IReadOnlyList<Requirement> Requirements => _file.Requirements;

    public Requirement? For(string state, string discipline) =>
        _file.Requirements.FirstOrDefault(r => r.State == state && r.Discipline == discipline);

    /// <summary>
    /// The cycle ending on the licence's expiry: hours completed after the previous expiry and on or before this one
    /// count. A minimum marked "once" (Oregon's pain-management module, OAR 334-010-0050(1)(d)) is met by hours
    /// recorded in any cycle.
    /// </summary>
    public static Progress Evaluate(Requirement requirement, DateOnly licenceExpiresOn, IReadOnlyCollection<Entry> entries)
    {
        var starts = licenceExpiresOn.AddYears(-requirement.CycleYears);
        var inCycle = entries.Where(e => e.CompletedOn > starts && e.CompletedOn <= licenceExpiresOn).ToList();
        var total = inCycle.Sum(e => e.Hours);
        var shortfalls = new List<Shortfall>();
        if (total < requirement.Hours)
        {
            shortfalls.Add(new Shortfall("hours in all", requirement.Hours - total));
        }

        foreach (var minimum in requirement.Minimums)
        {
            var have = (minimum.Once ? entries : inCycle).Where(e => e.Topic == minimum.Topic).Sum(e => e.Hours);
            if (have < minimum.Hours)
            {
                shortfalls.Add(new Shortfall(minimum.Label, minimum.Hours - have));
            }
        }

        return new Progress(requirement, starts.AddDays(1), licenceExpiresOn, total, shortfalls);
    }
}
