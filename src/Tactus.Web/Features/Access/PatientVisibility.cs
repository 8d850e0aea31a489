namespace Tactus.Web.Features.Access;

/// <summary>Which patients a principal may see. Decided once per request by <see cref="PatientAccessRules"/>.</summary>
public enum PatientVisibility
{
    /// <summary>No patient rows at all (anonymous, unknown role).</summary>
    None,

    /// <summary>Every patient of the principal's organisation.</summary>
    Organization,

    /// <summary>Only patients whose care team includes the principal.</summary>
    CareTeam,

    /// <summary>Only the principal's own patient record (portal).</summary>
    Self,

    /// <summary>
    /// Counts and groupings over the organisation's patients, never a single record:
    /// materialising a patient entity under this visibility throws.
    /// </summary>
    AggregateOnly,
}
