using Tactus.Web.Web;

namespace Tactus.Web.Features.Access;

/// <summary>
/// The relationship rules of PRODUCT.md ("Access is by role and by relationship"), in one pure place.
/// The database query filter applies what this returns; nothing else decides patient visibility.
/// </summary>
[PureEngine]
public static class PatientAccessRules
{
    public static PatientVisibility VisibilityFor(string? role) => role switch
    {
        // A therapist sees only patients on their care team; a clinician only patients they
        // referred or treat (both recorded as care-team membership).
        Roles.Therapist or Roles.Clinician => PatientVisibility.CareTeam,

        // Scheduling, billing and administration work across the organisation's patients.
        Roles.Manager or Roles.Biller or Roles.Administrator => PatientVisibility.Organization,

        // Researchers work on de-identified data: counts, never a record.
        Roles.Researcher => PatientVisibility.AggregateOnly,

        Roles.Patient => PatientVisibility.Self,
        _ => PatientVisibility.None,
    };

    /// <summary>Roles that may create or edit patient demographics.</summary>
    public static bool CanEditPatients(string? role) =>
        role is Roles.Therapist or Roles.Clinician or Roles.Manager or Roles.Administrator;

    /// <summary>Roles that read identified patients (who they are, their diagnoses) in the staff UI and API.</summary>
    public static bool CanReadPatientRecords(string? role) =>
        VisibilityFor(role) is PatientVisibility.Organization or PatientVisibility.CareTeam;

    /// <summary>
    /// Roles whose work needs the clinical record: referrals, health history and screening, plans, notes and body
    /// charts, questionnaires and safety alerts, outcome reports. A biller's work does not (HIPAA minimum necessary,
    /// 45 CFR 164.502(b)): billers see the patient, coverage, the visit's billing facts and the claim. The full
    /// role × data table is docs/access.md.
    /// </summary>
    public static bool CanReadClinicalRecords(string? role) =>
        CanReadPatientRecords(role) && role != Roles.Biller;

    /// <summary>Roles that work the billing record: coverage, authorisations, visit codes, claims, remittances, statements.</summary>
    public static bool CanReadBillingRecords(string? role) => role is Roles.Biller or Roles.Manager or Roles.Administrator;

    /// <summary>
    /// A staff member who creates a patient joins the care team when their own visibility
    /// is by care team; otherwise the record would vanish from their view once saved.
    /// </summary>
    public static bool JoinsCareTeamOnCreate(string? role) => VisibilityFor(role) == PatientVisibility.CareTeam;
}
