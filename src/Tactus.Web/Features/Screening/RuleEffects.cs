namespace Tactus.Web.Features.Screening;

/// <summary>
/// What a rule does (the categories of clinical reference §4: DEFER, CLEARANCE, MODIFY, LOCAL). A rule
/// may do several: active cancer needs clearance and modifies pressure. Shown by what they do, never as
/// "absolute" or "relative", which the sources use inconsistently.
/// </summary>
public static class RuleEffects
{
    /// <summary>No massage today, whoever signs off.</summary>
    public const string Defer = "defer";

    /// <summary>No treatment until the referring clinician records a clearance.</summary>
    public const string Clearance = "clearance";

    /// <summary>A pressure ceiling and/or techniques not to use, enforced in the plan and the note.</summary>
    public const string Modify = "modify";

    /// <summary>Body regions not to treat, enforced in the note.</summary>
    public const string AvoidArea = "avoid-area";

    public static readonly IReadOnlyList<string> All = [Defer, Clearance, Modify, AvoidArea];

    /// <summary>Most serious first, for ordering findings.</summary>
    public static int Severity(IEnumerable<string> does) => does.Select(d => d switch
    {
        Defer => 0,
        Clearance => 1,
        Modify => 2,
        _ => 3,
    }).DefaultIfEmpty(4).Min();

    public static string Label(string effect) => effect switch
    {
        Defer => "defer: no massage today",
        Clearance => "needs clearance",
        Modify => "modify",
        AvoidArea => "avoid area",
        _ => effect,
    };

    public static bool Blocks(IEnumerable<string> does) => does.Any(d => d is Defer or Clearance);
}
