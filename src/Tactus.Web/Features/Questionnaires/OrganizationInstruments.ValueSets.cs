using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>The value set of a utility instrument (EQ-5D-5L), supplied by the organisation that may use it.</summary>
public sealed partial class OrganizationInstruments
{
    /// <summary>
    /// Supplies (or replaces) a utility instrument's value set. Every item needs one decrement per answer, each between 0
    /// and 2, the constant between 0 and 1, and the name, source and rights statement are required: nothing is stored
    /// unless all of it is right. Scores already given keep their utility.
    /// </summary>
    public async Task<InstrumentValueSet> SupplyValueSetAsync(string code, ValueSetInput input, CancellationToken cancellationToken = default)
    {
        if (scope.Role is not (Roles.Administrator or Roles.Manager) || scope.UserId is not { } userId || scope.OrganizationId is not { } organizationId)
        {
            throw new DomainRuleException("forbidden", "Only an administrator or programme manager supplies a value set.", 403);
        }

        var definition = catalog.Find(code) ?? throw new DomainRuleException("unknown-instrument", $"There is no instrument '{code}'.", 404);
        if (definition.Scoring.Method != "utility")
        {
            throw new DomainRuleException("not-a-utility", $"{definition.Code} is not a utility instrument; only those take a value set.", 422);
        }

        var problems = ValueSetProblems(definition, input).ToList();
        if (problems.Count > 0)
        {
            throw new DomainRuleException("invalid-value-set", string.Join(" ", problems), 422);
        }

        var valueSet = await db.InstrumentValueSets.SingleOrDefaultAsync(v => v.Instrument == definition.Code, cancellationToken);
        if (valueSet is null)
        {
            valueSet = new InstrumentValueSet { OrganizationId = organizationId, Instrument = definition.Code, Name = "", Source = "", RightsStatement = "" };
            db.InstrumentValueSets.Add(valueSet);
        }

        valueSet.Name = input.Name!.Trim();
        valueSet.Source = input.Source!.Trim();
        valueSet.RightsStatement = input.RightsStatement!.Trim();
        valueSet.Constant = input.Constant ?? 0;
        valueSet.Decrements = definition.Items.ToDictionary(i => i.Id, i => input.Decrements![i.Id].ToList());
        valueSet.SuppliedById = userId;
        valueSet.SuppliedAt = time.GetStorageNow();
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey(scope.OrganizationId));
        return valueSet;
    }

    private static IEnumerable<string> ValueSetProblems(InstrumentDefinition definition, ValueSetInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > 200)
        {
            yield return "Name the value set (at most 200 characters), as it is published.";
        }

        if (string.IsNullOrWhiteSpace(input.Source) || input.Source.Length > 1000)
        {
            yield return "Give the value set's source (its publication), at most 1000 characters.";
        }

        if (string.IsNullOrWhiteSpace(input.RightsStatement) || input.RightsStatement.Length > 1000)
        {
            yield return "Say what gives your organisation the right to use it (at most 1000 characters).";
        }

        if (input.Constant is < 0 or > 1)
        {
            yield return "The constant is between 0 and 1.";
        }

        var decrements = input.Decrements ?? [];
        foreach (var unknown in decrements.Keys.Where(k => definition.Items.All(i => i.Id != k)))
        {
            yield return $"{definition.Code} has no item '{unknown}'.";
        }

        foreach (var item in definition.Items)
        {
            if (!decrements.TryGetValue(item.Id, out var values) || values is null || values.Count != item.Options.Count)
            {
                yield return $"Item '{item.Id}' needs {item.Options.Count} decrements, one for each answer from level 1.";
            }
            else if (values.Any(v => v is < 0 or > 2))
            {
                yield return $"Item '{item.Id}' has a decrement outside 0 to 2.";
            }
        }

        var complete = definition.Items.All(i => decrements.TryGetValue(i.Id, out var v) && v?.Count == i.Options.Count);
        if (complete && 1 - (input.Constant ?? 0) - definition.Items.Sum(i => decrements[i.Id].Max()) < definition.Range.Min)
        {
            yield return $"The worst state would value below {definition.Range.Min}; check the decrements against the published value set.";
        }
    }
}
