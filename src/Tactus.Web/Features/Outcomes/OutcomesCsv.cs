using System.Text;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Outcomes;

/// <summary>The outcomes by condition as one CSV row per condition and instrument, suppressed as the page is.</summary>
public static class OutcomesCsv
{
    public static string Write(IReadOnlyList<ProgrammeOutcomes.Condition> conditions, bool suppress)
    {
        var csv = new StringBuilder();
        csv.Append(Csv.Line([
            "condition", "evidence_certainty", "referred", "started", "completed", "dropped_out", "sessions", "instrument", "higher_is_better",
            "with_baseline", "followed_up", "completers_mean_change", "completers_ci_lower", "completers_ci_upper", "effect_size",
            "locf_mean_change", "locf_ci_lower", "locf_ci_upper", "responders", "responder_rate", "responder_ci_lower", "responder_ci_upper",
        ]));
        foreach (var condition in conditions)
        {
            var funnel = condition.Funnel;
            string[] head = [
                Csv.Text(condition.Protocol.Condition), Csv.Text(condition.Protocol.Certainty), Count(funnel.Referred, suppress),
                Count(funnel.Started, suppress), Count(funnel.Completed, suppress), Count(funnel.DroppedOut, suppress), Count(funnel.Sessions, suppress),
            ];
            if (condition.Instruments.Count == 0)
            {
                csv.Append(Csv.Line([.. head, .. Empty(15)]));
            }

            foreach (var outcome in condition.Instruments)
            {
                var shown = outcome.Disclose(suppress);
                var c = outcome.Completers;
                var l = outcome.LastObservation;
                csv.Append(Csv.Line([
                    .. head, Csv.Text(outcome.Instrument.Code), outcome.Instrument.HigherIsBetter ? "true" : "false",
                    Count(outcome.WithBaseline, suppress), Count(outcome.Followed, suppress),
                    .. shown.Completers ? [Csv.Number(c.Mean), Csv.Number(c.Lower), Csv.Number(c.Upper), Csv.Number(c.EffectSize)] : Empty(4),
                    .. shown.LastObservation ? [Csv.Number(l.Mean), Csv.Number(l.Lower), Csv.Number(l.Upper)] : Empty(3),
                    .. shown.Responders && outcome.Responders is { } r
                        ? [r.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Csv.Number(r.Rate), Csv.Number(r.Lower), Csv.Number(r.Upper)]
                        : Empty(4),
                ]));
            }
        }

        return csv.ToString();
    }

    private static string[] Empty(int fields) => [.. Enumerable.Repeat("", fields)];

    private static string Count(int n, bool suppress) => OutcomeView.Count(n, suppress);
}
