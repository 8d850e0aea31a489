using Tactus.Web.Features.Access;
using Tactus.Web.Features.Billing;

namespace Tactus.Web.Features.Coverage;

/// <summary>
/// An insurer or programme the organisation bills, with the rules that change coding and claims:
/// the timed-unit rule, modifiers it requires, visit limits, whether it needs an authorisation or the
/// referring provider on the claim, and which disciplines it accepts as rendering providers
/// (Medicare does not recognise licensed massage therapists, clinical.md §2.1).
/// </summary>
public sealed class Payer : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Name { get; set; }

    /// <summary>The payer id used in X12 (2010BB NM109, qualifier PI).</summary>
    public required string PayerIdentifier { get; set; }

    /// <summary>SBR09 claim filing indicator: CI commercial, MB Medicare Part B, MC Medicaid, WC workers' compensation, AM auto.</summary>
    public string ClaimFilingIndicator { get; set; } = "CI";

    public TimedUnitRule UnitRule { get; set; } = TimedUnitRule.Ama;
    public List<string> RequiredTherapyModifiers { get; set; } = [];
    public string DistinctServiceModifier { get; set; } = "XS";
    public int? VisitLimitPerYear { get; set; }
    public bool RequiresAuthorization { get; set; }
    public bool RequiresReferringProvider { get; set; }

    /// <summary>Disciplines accepted as rendering providers; empty means any licensed discipline.</summary>
    public List<string> AcceptedRenderingDisciplines { get; set; } = [];

    /// <summary>
    /// The payer wants the rendering provider's taxonomy on the claim: 837P loop 2310B PRV*PE*PXC*code (005010X222A1,
    /// situational "when the payer requires it"; NUCC code 225700000X for a massage therapist).
    /// </summary>
    public bool RequiresRenderingTaxonomy { get; set; }

    public PayerCodingRules CodingRules => new(UnitRule, RequiredTherapyModifiers, DistinctServiceModifier);
}

/// <summary>SBR09 values Tactus offers; the X12 code list is longer.</summary>
public static class ClaimFilingIndicators
{
    public static readonly IReadOnlyDictionary<string, string> Known = new Dictionary<string, string>
    {
        ["CI"] = "Commercial insurance",
        ["BL"] = "Blue Cross/Blue Shield",
        ["HM"] = "Health maintenance organisation",
        ["MB"] = "Medicare Part B",
        ["MC"] = "Medicaid",
        ["WC"] = "Workers' compensation",
        ["AM"] = "Automobile medical",
        ["VA"] = "Veterans Affairs plan",
    };
}
