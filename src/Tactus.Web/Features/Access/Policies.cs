using Microsoft.AspNetCore.Authorization;

namespace Tactus.Web.Features.Access;

/// <summary>Named authorisation policies; every page folder and API group names one (SR-01).</summary>
public static class Policies
{
    public const string PatientRecords = "patient-records";
    public const string ClinicalRecords = "clinical-records";

    /// <summary>Pages and actions only a treating therapist takes (check-in, a new plan of care): refused before they render.</summary>
    public const string Treating = "treating";
    public const string PatientEditing = "patient-editing";
    public const string Administration = "administration";
    public const string Research = "research";

    /// <summary>The programme's outcomes by condition (issue 14 §1): the manager who runs it and the researcher who studies it.</summary>
    public const string ProgrammeOutcomes = "programme-outcomes";

    /// <summary>What the programme costs (visit cost, staff time, overhead, the price list of health-care use): the manager sets it.</summary>
    public const string ProgrammeCosts = "programme-costs";
    public const string Portal = "portal";
    public const string Staff = "staff";
    public const string ReferralEntry = "referral-entry";
    public const string Credentialing = "credentialing";

    /// <summary>The inbox: the roles with work that waits on them (issue 13 §3); a researcher or administrator has none.</summary>
    public const string Inbox = "inbox";
    public const string Billing = "billing";

    /// <summary>The calendar: the programme's staff book for everyone, therapists for their own patients (the care team scopes them).</summary>
    public const string Scheduling = "scheduling";

    /// <summary>
    /// The FHIR interface: the clinical roles, and a patient for their own record (the access scope shows a patient
    /// nothing else), as a patient-facing SMART app needs.
    /// </summary>
    public const string FhirRecords = "fhir-records";

    /// <summary>Into /fhir at all: the clinical readers and patients (FhirRecords), and the billing roles, whose routes are Coverage and ExplanationOfBenefit.</summary>
    public const string FhirAccess = "fhir-access";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(PatientRecords, p => p.RequireAuthenticatedUser().RequireAssertion(
            c => PatientAccessRules.CanReadPatientRecords(RoleOf(c.User))));
        options.AddPolicy(ClinicalRecords, p => p.RequireAuthenticatedUser().RequireAssertion(
            c => PatientAccessRules.CanReadClinicalRecords(RoleOf(c.User))));
        options.AddPolicy(FhirRecords, p => p.RequireAuthenticatedUser().RequireAssertion(
            c => PatientAccessRules.CanReadClinicalRecords(RoleOf(c.User)) || RoleOf(c.User) == Roles.Patient));
        options.AddPolicy(FhirAccess, p => p.RequireAuthenticatedUser().RequireAssertion(
            c => PatientAccessRules.CanReadClinicalRecords(RoleOf(c.User)) || RoleOf(c.User) == Roles.Patient || PatientAccessRules.CanReadBillingRecords(RoleOf(c.User))));
        options.AddPolicy(Treating, p => p.RequireRole(Roles.Therapist));
        options.AddPolicy(PatientEditing, p => p.RequireAuthenticatedUser().RequireAssertion(
            c => PatientAccessRules.CanEditPatients(RoleOf(c.User))));
        options.AddPolicy(ReferralEntry, p => p.RequireRole(Roles.Clinician, Roles.Manager, Roles.Administrator));
        options.AddPolicy(Credentialing, p => p.RequireRole(Roles.Manager, Roles.Administrator));
        options.AddPolicy(Inbox, p => p.RequireRole(Roles.Therapist, Roles.Clinician, Roles.Manager, Roles.Biller));
        options.AddPolicy(Billing, p => p.RequireAuthenticatedUser().RequireAssertion(c => PatientAccessRules.CanReadBillingRecords(RoleOf(c.User))));
        options.AddPolicy(Administration, p => p.RequireRole(Roles.Administrator));
        options.AddPolicy(Scheduling, p => p.RequireRole(Roles.Manager, Roles.Therapist));
        options.AddPolicy(Research, p => p.RequireRole(Roles.Researcher));
        options.AddPolicy(ProgrammeOutcomes, p => p.RequireRole(Roles.Manager, Roles.Researcher));
        options.AddPolicy(ProgrammeCosts, p => p.RequireRole(Roles.Manager));
        options.AddPolicy(Portal, p => p.RequireRole(Roles.Patient));
        options.AddPolicy(Staff, p => p.RequireAuthenticatedUser().RequireAssertion(
            c => RoleOf(c.User) is { } role && Roles.IsWorkforce(role)));

        // Anything not explicitly opened to anonymous users needs a signed-in user.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }

    private static string? RoleOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
}
