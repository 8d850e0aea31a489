namespace Tactus.Web.Features.Billing;

/// <summary>How a payer turns minutes of 15-minute timed codes into units (clinical.md §2.2 and §2.3).</summary>
public enum TimedUnitRule
{
    /// <summary>Medicare's "8-minute rule": minutes of all timed codes pooled, then allocated (Pub. 100-04 ch. 5 §20.2).</summary>
    Cms,

    /// <summary>CPT's "substantial portion" (midpoint) rule, applied to each code on its own; minutes are never pooled.</summary>
    Ama,
}
