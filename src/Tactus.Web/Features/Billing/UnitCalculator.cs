using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

/// <summary>One code's minutes for a day, as documented.</summary>
public sealed record ServiceMinutes(string Code, int Minutes, bool Timed);

/// <summary>Units billed for one code, with the minutes they came from.</summary>
public sealed record ServiceUnits(string Code, int Minutes, bool Timed, int Units);

/// <summary>The units per code and the reasoning, step by step, in words a biller can check.</summary>
public sealed record UnitResult(TimedUnitRule Rule, int TotalTimedMinutes, int TotalTimedUnits, IReadOnlyList<ServiceUnits> Services, IReadOnlyList<string> Reasoning);

/// <summary>
/// Pure unit engine for one patient's day of service. CMS: Medicare Claims Processing Manual (Pub. 100-04)
/// chapter 5 §20.2, as summarised in clinical.md §2.2, including the allocation across several timed codes.
/// AMA: the CPT midpoint rule per code (clinical.md §2.3). Untimed codes are one unit each under both, and
/// their minutes never count towards the timed total.
/// </summary>
[PureEngine]
public static class UnitCalculator
{
    public const int UnitMinutes = 15;

    /// <summary>
    /// The unit table of §20.2 (8–22 min = 1, 23–37 = 2, …), which is also the CPT midpoint rule for one code:
    /// a unit is reached once more than half of its 15 minutes (8) has passed.
    /// </summary>
    public static int UnitsForMinutes(int minutes) => minutes < 8 ? 0 : ((minutes - 8) / UnitMinutes) + 1;

    public static UnitResult Calculate(IEnumerable<ServiceMinutes> services, TimedUnitRule rule)
    {
        // One code's minutes are added up first: a day's two blocks of 97124 are one 97124 service.
        var merged = services
            .GroupBy(s => (s.Code, s.Timed))
            .Select(g => new ServiceMinutes(g.Key.Code, g.Sum(s => s.Minutes), g.Key.Timed))
            .ToList();
        var reasoning = new List<string>();
        var untimed = merged.Where(s => !s.Timed).Select(s => new ServiceUnits(s.Code, s.Minutes, false, 1)).ToList();
        foreach (var service in untimed)
        {
            reasoning.Add($"{service.Code} is untimed: 1 unit; its {service.Minutes} min do not count towards timed minutes.");
        }

        var timed = merged.Where(s => s.Timed).ToList();
        var timedUnits = rule == TimedUnitRule.Cms ? Cms(timed, reasoning) : Ama(timed, reasoning);
        var totalMinutes = timed.Sum(s => s.Minutes);
        return new UnitResult(rule, totalMinutes, timedUnits.Sum(s => s.Units), [.. timedUnits, .. untimed], reasoning);
    }

    private static List<ServiceUnits> Ama(List<ServiceMinutes> timed, List<string> reasoning)
    {
        reasoning.Add("AMA substantial-portion rule: each timed code on its own; a unit needs more than half of its 15 minutes (8 min for 1, 23 for 2, 38 for 3).");
        return timed.Select(s =>
        {
            var units = UnitsForMinutes(s.Minutes);
            reasoning.Add($"{s.Code}: {s.Minutes} min → {units} unit{(units == 1 ? "" : "s")}.");
            return new ServiceUnits(s.Code, s.Minutes, true, units);
        }).ToList();
    }

    private static List<ServiceUnits> Cms(List<ServiceMinutes> timed, List<string> reasoning)
    {
        var total = timed.Sum(s => s.Minutes);
        var allowed = UnitsForMinutes(total);
        reasoning.Add($"CMS 8-minute rule: {total} timed min in total → {allowed} unit{(allowed == 1 ? "" : "s")} may be billed (8–22 = 1, 23–37 = 2, 38–52 = 3, …).");

        // Step 2 of §20.2: every full 15 minutes of a service is a unit of that service.
        var units = timed.ToDictionary(s => s.Code, s => s.Minutes / UnitMinutes);
        foreach (var s in timed.Where(s => units[s.Code] > 0))
        {
            reasoning.Add($"{s.Code}: {s.Minutes} min holds {units[s.Code]} full 15-min unit{(units[s.Code] == 1 ? "" : "s")}, {s.Minutes % UnitMinutes} min left over.");
        }

        // Step 3: the units still allowed go to the largest leftovers, one each, in descending order. A tie may
        // go to either service (§20.2); we give it to the code documented first so the answer is repeatable.
        var remaining = allowed - units.Values.Sum();
        var byLeftover = timed
            .Select((s, order) => (s.Code, Leftover: s.Minutes % UnitMinutes, order))
            .Where(x => x.Leftover > 0)
            .OrderByDescending(x => x.Leftover).ThenBy(x => x.order)
            .ToList();
        foreach (var (code, leftover, _) in byLeftover.Take(Math.Max(remaining, 0)))
        {
            units[code]++;
            var tied = byLeftover.Where(x => x.Leftover == leftover && x.Code != code).Select(x => x.Code).ToList();
            reasoning.Add($"{code}: {leftover} min left over is among the largest, so it takes one of the remaining units"
                + (tied.Count > 0 ? $" (tied with {string.Join(", ", tied)}; either may be billed)." : "."));
        }

        foreach (var (code, leftover, _) in byLeftover.Skip(Math.Max(remaining, 0)))
        {
            reasoning.Add($"{code}: {leftover} min left over; no unit is left for it.");
        }

        return timed.Select(s => new ServiceUnits(s.Code, s.Minutes, true, units[s.Code])).ToList();
    }
}
