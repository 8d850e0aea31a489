using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>
/// The licensed item wording an organisation supplies for a definition slot (clinical.md §1.0: the scoring
/// rules are facts Tactus ships; the copyrighted wording is what needs the licence). One per instrument per
/// organisation; replacing it is audited like any change.
/// </summary>
public sealed class InstrumentWording : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Instrument { get; init; }

    /// <summary>What gives the organisation the right to use the wording (licence number, terms accepted, term).</summary>
    public required string RightsStatement { get; set; }

    public string? Recall { get; set; }
    public Dictionary<string, string> ItemText { get; set; } = [];

    /// <summary>Answer labels keyed "item:value" (e.g. "pain-intensity:0").</summary>
    public Dictionary<string, string> OptionLabels { get; set; } = [];

    public Guid SuppliedById { get; set; }
    public DateTimeOffset SuppliedAt { get; set; }
}
