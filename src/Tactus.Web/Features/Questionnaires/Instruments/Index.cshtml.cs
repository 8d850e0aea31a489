using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Questionnaires.Instruments;

/// <summary>
/// The instrument catalogue as the organisation sees it: licence, scoring rule, MCID and whether a slot
/// has its wording. Managers and administrators supply licensed wording here, as the JSON file format the
/// API takes, without code (clinical.md §1.0).
/// </summary>
public sealed class IndexModel(OrganizationInstruments instruments, AccessScope scope) : PageModel, IRedisplayablePage
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<InstrumentDefinition> Definitions { get; private set; } = [];
    public bool CanSupplyWording => scope.Role is Roles.Manager or Roles.Administrator;

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? WordingJson { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Definitions = await instruments.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Pasted<OrganizationInstruments.WordingInput>(WordingJson, nameof(WordingJson), "wording",
                "Paste the wording file (JSON with rightsStatement and items).") is not { } input)
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }

        var wording = await instruments.SupplyAsync(Code ?? "", input, cancellationToken);
        TempData["Flash"] = $"{wording.Instrument} now has your licensed wording and can be given to patients.";
        return RedirectToPage();
    }

    [BindProperty]
    public string? ValueSetJson { get; set; }

    /// <summary>Supplies a utility instrument's value set (audited); bad JSON or a value set that does not fit is shown, and nothing is stored.</summary>
    public async Task<IActionResult> OnPostValueSetAsync(CancellationToken cancellationToken)
    {
        if (Pasted<OrganizationInstruments.ValueSetInput>(ValueSetJson, nameof(ValueSetJson), "value set",
                "Paste the value set (JSON with name, source, rightsStatement, constant and decrements).") is not { } input)
        {
            await OnGetAsync(cancellationToken);
            return Page();
        }

        var valueSet = await instruments.SupplyValueSetAsync(Code ?? "", input, cancellationToken);
        TempData["Flash"] = $"{valueSet.Instrument} now scores utilities with {valueSet.Name}.";
        return RedirectToPage();
    }

    /// <summary>A pasted file read as its input, or null with what is wrong on the field (not JSON, or nothing pasted).</summary>
    private T? Pasted<T>(string? json, string field, string what, string missing)
        where T : class
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(json) && JsonSerializer.Deserialize<T>(json, Json) is { } input)
            {
                return input;
            }

            ModelState.AddModelError(field, missing);
        }
        catch (JsonException error)
        {
            ModelState.AddModelError(field, $"The {what} is not valid JSON: {error.Message}");
        }

        return null;
    }

    public static string ValueSetExample(InstrumentDefinition d) => JsonSerializer.Serialize(new
    {
        name = "Country and year, as published",
        source = "The publication",
        rightsStatement = "Your registration or licence",
        constant = 0,
        decrements = d.Items.ToDictionary(i => i.Id, i => i.Options.Select(_ => 0m).ToList()),
    }, new JsonSerializerOptions { WriteIndented = true });

    /// <summary>Chooses the band convention the organisation reports an instrument with (audited).</summary>
    public async Task<IActionResult> OnPostBandsAsync(string? instrument, string? convention, CancellationToken cancellationToken)
    {
        var choice = await instruments.ChooseBandsAsync(instrument ?? "", new OrganizationInstruments.BandsInput(convention), cancellationToken);
        TempData["Flash"] = $"{choice.Instrument} scores are now banded by the convention you chose; reports name it.";
        return RedirectToPage();
    }

    public async Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken)
    {
        await OnGetAsync(cancellationToken);
        return true;
    }

    public static string Example(InstrumentDefinition d) => JsonSerializer.Serialize(new
    {
        rightsStatement = "Licence number and term, or the terms you accepted",
        items = d.Items.Take(2).ToDictionary(i => i.Id, i => new { text = "Item wording from your licensed copy", options = i.Options.Take(2).ToDictionary(o => o.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), _ => "Answer wording") }),
    }, new JsonSerializerOptions { WriteIndented = true });
}
