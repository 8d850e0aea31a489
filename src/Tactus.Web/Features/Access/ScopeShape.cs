namespace Tactus.Web.Features.Access;

/// <summary>
/// The form the data filters take for a principal. TactusDbContext builds one model per shape, so each
/// principal's queries carry only the predicates that apply to it (a plain <c>OrganizationId = @org</c>, an
/// indexed care-team <c>EXISTS</c>), never a parameterised OR of every alternative that no planner can seek on.
/// </summary>
public enum ScopeShape
{
    /// <summary>A system job: no filter.</summary>
    System,

    /// <summary>The organisation's patients (managers, billers, administrators; researchers, who may only count).</summary>
    Organization,

    /// <summary>Patients whose care team includes the principal (therapists, clinicians).</summary>
    CareTeam,

    /// <summary>One patient: the principal's own record (portal, questionnaire link).</summary>
    Self,

    /// <summary>No patient rows (anonymous, unknown role); the organisation's other data only when signed in.</summary>
    NoPatients,
}
