using Tactus.Web.Features.Questionnaires;

namespace Tactus.Tests.Features.Questionnaires;

/// <summary>
/// EQ-5D-5L as a utility slot (clinical.md §1.2, §6.2): Tactus ships no value set, so it scores a utility only with the
/// one an organisation supplies. The value set here is made up for the arithmetic, not any country's.
/// </summary>
public sealed partial class ScoringTests
{
    /// <summary>An illustrative additive value set: constant 0.05, each dimension 0, 0.04, 0.08, 0.2, 0.3 by level.</summary>
    private static readonly UtilityValueSet IllustrativeValueSet = new("Illustrative", "Made up for the test", 0.05m,
        Get("EQ-5D-5L").Items.ToDictionary(i => i.Id, _ => (IReadOnlyList<decimal>)[0m, 0.04m, 0.08m, 0.2m, 0.3m]));

    private static InstrumentDefinition Eq5dWith(UtilityValueSet? valueSet) =>
        Get("EQ-5D-5L") with { Scoring = Get("EQ-5D-5L").Scoring with { ValueSet = valueSet } };

    [Fact]
    public void Eq5d_WithoutAValueSet_IsNotScored_AndSaysWhy()
    {
        var result = Scoring.Score(Eq5dWith(null), Get("EQ-5D-5L").Items.ToDictionary(i => i.Id, _ => (int?)2));

        Assert.Null(result.Total);
        Assert.Contains("value set", result.CannotScoreReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Eq5d_WithTheOrganisationsValueSet_ScoresOneMinusTheConstantAndTheDecrements()
    {
        var definition = Eq5dWith(IllustrativeValueSet);
        int?[] state = [2, 1, 3, 1, 2]; // "21312": mobility 2, self-care 1, usual activities 3, pain 1, anxiety 2
        var answers = definition.Items.Select((item, i) => (item.Id, Value: state[i])).ToDictionary(x => x.Id, x => x.Value);

        var unwell = Scoring.Score(definition, answers);
        var fullHealth = Scoring.Score(definition, definition.Items.ToDictionary(i => i.Id, _ => (int?)1));
        var worst = Scoring.Score(definition, definition.Items.ToDictionary(i => i.Id, _ => (int?)5));

        // 1 − 0.05 − (0.04 + 0 + 0.08 + 0 + 0.04) = 0.79; full health takes no constant; 1 − 0.05 − 5 × 0.3 = −0.55.
        Assert.Equal(0.79m, unwell.Total);
        Assert.Equal(1m, fullHealth.Total);
        Assert.Equal(-0.55m, worst.Total);
        Assert.Null(unwell.Band);
    }
}
