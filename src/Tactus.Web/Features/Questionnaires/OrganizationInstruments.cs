using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>
/// The instruments as the signed-in organisation sees them: the bundled definitions with any wording the
/// organisation supplied laid over the slots, and the band convention it chose where sources publish several.
/// The tenant filter keeps one organisation's wording and choices from another.
/// </summary>
public sealed partial class OrganizationInstruments(TactusDbContext db, InstrumentCatalog catalog, AccessScope scope, TimeProvider time,
    IMemoryCache cache)
{
    /// <summary>
    /// The organisation's wordings and band choices change a few times a year and are read by every
    /// questionnaire page and API call: they are kept per organisation, dropped here when they change, and
    /// re-read at least every minute so another instance's change shows within that time.
    /// </summary>
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    private sealed record Customisations(IReadOnlyList<InstrumentWording> Wordings, IReadOnlyList<InstrumentBandChoice> Choices,
        IReadOnlyList<InstrumentValueSet> ValueSets);

    private static string CacheKey(Guid? organizationId) => $"instruments:{organizationId}";

    private async Task<Customisations> CustomisationsAsync(CancellationToken cancellationToken)
    {
        var key = CacheKey(scope.OrganizationId);
        if (cache.TryGetValue(key, out Customisations? cached) && cached is not null)
        {
            return cached;
        }

        var loaded = new Customisations(await db.InstrumentWordings.AsNoTracking().ToListAsync(cancellationToken),
            await db.InstrumentBandChoices.AsNoTracking().ToListAsync(cancellationToken), await db.InstrumentValueSets.AsNoTracking().ToListAsync(cancellationToken));
        cache.Set(key, loaded, CacheLifetime);
        return loaded;
    }

    public sealed record WordingInput(string? RightsStatement = null, string? Recall = null, Dictionary<string, WordingItem>? Items = null);

    public sealed record WordingItem(string? Text = null, Dictionary<string, string>? Options = null);

    public sealed record BandsInput(string? Convention = null);

    /// <summary>A value set as published: per item, one decrement for each answer in the item's order (level 1 first).</summary>
    public sealed record ValueSetInput(string? Name = null, string? Source = null, string? RightsStatement = null, decimal? Constant = null,
        Dictionary<string, List<decimal>>? Decrements = null);

    public async Task<IReadOnlyList<InstrumentDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        var (wordings, choices, valueSets) = await CustomisationsAsync(cancellationToken);
        return catalog.Instruments.Select(d => wordings.FirstOrDefault(w => w.Instrument == d.Code) is { } w ? Apply(d, w) : d)
            .Select(d => Value(d, valueSets.FirstOrDefault(v => v.Instrument == d.Code)))
            .Select(d => Choose(d, choices.FirstOrDefault(c => c.Instrument == d.Code))).ToList();
    }

    public async Task<InstrumentDefinition?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        if (catalog.Find(code) is not { } definition)
        {
            return null;
        }

        var (wordings, choices, valueSets) = await CustomisationsAsync(cancellationToken);
        var wording = wordings.SingleOrDefault(w => w.Instrument == definition.Code);
        var choice = choices.SingleOrDefault(c => c.Instrument == definition.Code);
        return Choose(Value(wording is null ? definition : Apply(definition, wording), valueSets.SingleOrDefault(v => v.Instrument == definition.Code)), choice);
    }

    private static InstrumentDefinition Value(InstrumentDefinition definition, InstrumentValueSet? valueSet) =>
        valueSet is not null && definition.Scoring.Method == "utility" ? definition with { Scoring = definition.Scoring with { ValueSet = valueSet.ToRule() } } : definition;

    private static InstrumentDefinition Choose(InstrumentDefinition definition, InstrumentBandChoice? choice) =>
        choice is not null && definition.WithConvention(choice.Convention) is { } chosen ? chosen : definition;

    /// <summary>Chooses which of an instrument's published band conventions the organisation reports with (audited).</summary>
    public async Task<InstrumentBandChoice> ChooseBandsAsync(string code, BandsInput input, CancellationToken cancellationToken = default)
    {
        if (scope.Role is not (Roles.Administrator or Roles.Manager) || scope.UserId is not { } userId || scope.OrganizationId is not { } organizationId)
        {
            throw new DomainRuleException("forbidden", "Only an administrator or programme manager chooses band conventions.", 403);
        }

        var definition = catalog.Find(code) ?? throw new DomainRuleException("unknown-instrument", $"There is no instrument '{code}'.", 404);
        if (definition.Conventions.Count < 2 || definition.Conventions.FirstOrDefault(c => c.Id == input.Convention) is not { } convention)
        {
            throw new DomainRuleException("unknown-convention", definition.Conventions.Count < 2
                ? $"{definition.Code} has one set of bands; there is nothing to choose."
                : $"Choose one of {definition.Code}'s conventions: {string.Join(", ", definition.Conventions.Select(c => c.Id))}.", StatusCodes.Status422UnprocessableEntity);
        }

        var choice = await db.InstrumentBandChoices.SingleOrDefaultAsync(c => c.Instrument == definition.Code, cancellationToken);
        if (choice is null)
        {
            choice = new InstrumentBandChoice { OrganizationId = organizationId, Instrument = definition.Code, Convention = convention.Id };
            db.InstrumentBandChoices.Add(choice);
        }

        choice.Convention = convention.Id;
        choice.ChosenById = userId;
        choice.ChosenAt = time.GetStorageNow();
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey(scope.OrganizationId));
        return choice;
    }

    public static InstrumentDefinition Apply(InstrumentDefinition definition, InstrumentWording wording) => definition with
    {
        Recall = wording.Recall ?? definition.Recall,
        Items = definition.Items.Select(item => item with
        {
            Text = wording.ItemText.GetValueOrDefault(item.Id) ?? item.Text,
            Options = item.Options.Select(o => wording.OptionLabels.TryGetValue($"{item.Id}:{o.Value}", out var label) ? o with { Label = label } : o).ToList(),
        }).ToList(),
    };

    /// <summary>
    /// Supplies (or replaces) the wording of a slot. Every item needs its text, every label must name a real
    /// answer, and the rights statement is required: nothing is stored unless all of it is right.
    /// </summary>
    public async Task<InstrumentWording> SupplyAsync(string code, WordingInput input, CancellationToken cancellationToken = default)
    {
        if (scope.Role is not (Roles.Administrator or Roles.Manager) || scope.UserId is not { } userId || scope.OrganizationId is not { } organizationId)
        {
            throw new DomainRuleException("forbidden", "Only an administrator or programme manager supplies licensed wording.", 403);
        }

        var definition = catalog.Find(code) ?? throw new DomainRuleException("unknown-instrument", $"There is no instrument '{code}'.", 404);
        if (!definition.IsSlot)
        {
            throw new DomainRuleException("not-a-slot", $"{definition.Code} ships with its own wording; only definition slots take supplied wording.", 422);
        }

        var problems = Problems(definition, input).ToList();
        if (problems.Count > 0)
        {
            throw new DomainRuleException("invalid-wording", string.Join(" ", problems), 422);
        }

        var wording = await db.InstrumentWordings.SingleOrDefaultAsync(w => w.Instrument == definition.Code, cancellationToken);
        if (wording is null)
        {
            wording = new InstrumentWording { OrganizationId = organizationId, Instrument = definition.Code, RightsStatement = "" };
            db.InstrumentWordings.Add(wording);
        }

        wording.RightsStatement = input.RightsStatement!.Trim();
        wording.Recall = string.IsNullOrWhiteSpace(input.Recall) ? null : input.Recall.Trim();
        wording.ItemText = input.Items!.ToDictionary(i => i.Key, i => i.Value.Text!.Trim());
        wording.OptionLabels = input.Items!.SelectMany(i => (i.Value.Options ?? []).Select(o => (Key: $"{i.Key}:{o.Key}", Label: o.Value.Trim())))
            .ToDictionary(x => x.Key, x => x.Label);
        wording.SuppliedById = userId;
        wording.SuppliedAt = time.GetStorageNow();
        await db.SaveChangesAsync(cancellationToken);
        cache.Remove(CacheKey(scope.OrganizationId));
        return wording;
    }

    private static IEnumerable<string> Problems(InstrumentDefinition definition, WordingInput input)
    {
        if (string.IsNullOrWhiteSpace(input.RightsStatement))
        {
            yield return "Say what gives your organisation the right to use this wording (licence or terms, and their term).";
        }

        var items = input.Items ?? [];
        foreach (var unknown in items.Keys.Where(k => definition.Items.All(i => i.Id != k)))
        {
            yield return $"{definition.Code} has no item '{unknown}'.";
        }

        foreach (var item in definition.Items)
        {
            if (!items.TryGetValue(item.Id, out var supplied) || string.IsNullOrWhiteSpace(supplied.Text))
            {
                yield return $"Item '{item.Id}' needs its wording.";
                continue;
            }

            if (supplied.Text.Length > 1000)
            {
                yield return $"Item '{item.Id}' is longer than 1000 characters.";
            }

            foreach (var (value, label) in supplied.Options ?? [])
            {
                if (!int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var number) || item.Options.All(o => o.Value != number))
                {
                    yield return $"Item '{item.Id}' has no answer {value}; it takes {string.Join(", ", item.Options.Select(o => o.Value))}.";
                }
                else if (string.IsNullOrWhiteSpace(label) || label.Length > 500)
                {
                    yield return $"Item '{item.Id}' answer {value} needs a label of at most 500 characters.";
                }
            }
        }
    }
}
