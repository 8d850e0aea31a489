using Hl7.Fhir.Model;
using Tactus.Web.Features.Intake;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// What the patient reported at the massage intake, as FHIR R4: each medicine as a MedicationStatement, allergies as
/// AllergyIntolerance (patient-reported, so unconfirmed), and the consents to treatment and to data use as Consent. Only
/// the latest intake is current; its resources carry its id with a suffix, so each is stable and readable on its own.
/// Medicines and allergies are the patient's words, never coded by Tactus: a code would claim more than was said.
/// </summary>
public static class IntakeFhir
{
    public static string MedicationId(PatientIntake intake, int index) => $"{intake.Id:N}-m{index + 1}";

    public static IEnumerable<MedicationStatement> Medications(PatientIntake intake) =>
        intake.Medications.Select((name, index) => new MedicationStatement
        {
            Id = MedicationId(intake, index),
            Status = MedicationStatement.MedicationStatusCodes.Active,
            Medication = new CodeableConcept { Text = name },
            Subject = Patient(intake),
            DateAsserted = Instant(intake.RecordedAt),
            Note = [new Annotation { Text = new Markdown("As the patient reported it at the massage intake (not coded).") }],
        });

    public static IEnumerable<AllergyIntolerance> Allergies(PatientIntake intake)
    {
        if (intake.Allergies is { Length: > 0 } text && !IsNone(text))
        {
            yield return Allergy(intake, "a1", text);
        }

        if (intake.LubricantAllergy)
        {
            yield return Allergy(intake, "a2", "Massage lubricant (oil or lotion)");
        }
    }

    /// <summary>
    /// The consents to treatment and to the use of data, each permitted or refused as recorded (a refusal is an active
    /// consent that denies, not a missing one).
    /// </summary>
    public static IEnumerable<Consent> Consents(PatientIntake intake)
    {
        yield return Consent(intake, "treatment", "treatment", "Treatment", intake.ConsentToTreatment);
        yield return Consent(intake, "data-use", "research", "Research", intake.ConsentToDataUse);
    }

    private static AllergyIntolerance Allergy(PatientIntake intake, string suffix, string text) => new()
    {
        Id = $"{intake.Id:N}-{suffix}",
        ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical", "active", "Active"),
        VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "unconfirmed", "Unconfirmed"),
        Code = new CodeableConcept { Text = text },
        Patient = Patient(intake),
        RecordedDate = Instant(intake.RecordedAt),
    };

    private static Consent Consent(PatientIntake intake, string suffix, string scope, string scopeDisplay, bool given) => new()
    {
        Id = $"{intake.Id:N}-{suffix}",
        Status = Hl7.Fhir.Model.Consent.ConsentState.Active,
        Scope = new CodeableConcept("http://terminology.hl7.org/CodeSystem/consentscope", scope, scopeDisplay),
        Category = [new CodeableConcept("http://loinc.org", "59284-0", "Patient Consent")],
        Patient = Patient(intake),
        DateTime = Instant(intake.RecordedAt),
        Performer = intake.ConsentGivenBy is { Length: > 0 } by ? [new ResourceReference { Display = by }] : [Patient(intake)],
        PolicyRule = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v3-ActCode", given ? "OPTIN" : "OPTOUT", given ? "opt-in" : "opt-out"),
        Provision = new Hl7.Fhir.Model.Consent.provisionComponent
        {
            Type = given ? Hl7.Fhir.Model.Consent.ConsentProvisionType.Permit : Hl7.Fhir.Model.Consent.ConsentProvisionType.Deny,
        },
    };

    private static bool IsNone(string text) => text.Trim().ToLowerInvariant() is "none" or "nkda" or "no" or "n/a" or "-";

    private static ResourceReference Patient(PatientIntake intake) => new($"Patient/{intake.PatientId}");

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
