using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Questionnaires.Administer;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Portal;

/// <summary>
/// A score's trend in plain words for the patient (issue 13 §4): which way is better on this questionnaire, how their
/// score moved from the first answer to the latest, and whether the change reaches the smallest change people
/// usually notice (the instrument's minimal clinically important difference, as the reference file cites it). It
/// claims no more than the numbers say: a change short of that is "not yet a change most people notice".
/// </summary>
[PureEngine]
public static class ProgressExplanation
{
    public static string For(InstrumentDefinition definition, MeasuresSummary.Row row)
    {
        var better = definition.HigherIsBetter ? "Higher scores mean things are better." : "Lower scores mean fewer symptoms.";
        if (row.Baseline is not { } first || row.Latest is not { } latest || row.Change is not { } change)
        {
            return $"{better} You have answered it once{(row.Latest is { } only ? $" (score {only:0.#})" : "")}; your trend shows once you answer it again.";
        }

        var direction = change == 0 ? "stayed the same"
            : Scoring.Improved(definition, change) ? "improved" : "got worse";
        var notice = row.ReachedMcid switch
        {
            true when Scoring.Improved(definition, change) => " That is a change large enough that most people notice it.",
            true => " That is a change large enough that most people notice it; talk to your therapist about it.",
            false => " That is not yet a change most people notice.",
            null => "",
        };
        return $"{better} Your score went from {first:0.#} to {latest:0.#}: it {direction}.{notice}";
    }
}
