namespace Tactus.Web.Features.CdsHooks;

/// <summary>The services Tactus offers an EHR (GET /cds-services), with the data each asks the EHR to prefetch.</summary>
public static class CdsCatalogue
{
    public const string ProgrammeStatus = "tactus-massage-programme";
    public const string ReferralSuggestion = "tactus-massage-referral";
    public const string ReferralSafety = "tactus-massage-safety";

    public const string PatientQuery = "Patient/{{context.patientId}}";

    // FHIR R4 Condition search: clinical-status; MedicationRequest: status. What the screening rules read (clinical.md §4).
    public const string ConditionsQuery = "Condition?patient={{context.patientId}}&clinical-status=active";
    public const string MedicationsQuery = "MedicationRequest?patient={{context.patientId}}&status=active";

    public static readonly IReadOnlyList<CdsServiceDescription> Services =
    [
        new("patient-view", "Medical massage programme",
            "The patient's medical massage programme in Tactus: the referral and its visits, the latest questionnaire scores against the first, questionnaires due and open safety alerts.",
            ProgrammeStatus, new Dictionary<string, string> { ["patient"] = PatientQuery },
            "The EHR's patient is found in Tactus by medical record number (an identifier of type MR, or Tactus's own MRN system)."),
        new("order-select", "Medical massage for conditions it may help",
            "When an order is for a condition the Tactus protocol library covers, suggests a massage referral with the evidence as reviewed: effect sizes and their certainty.",
            ReferralSuggestion, new Dictionary<string, string> { ["patient"] = PatientQuery, ["conditions"] = ConditionsQuery }),
        new("order-sign", "Safety of a massage referral",
            "When a massage referral is signed, checks the patient's active conditions and medications against Tactus's contraindication rules and warns of each finding.",
            ReferralSafety, new Dictionary<string, string> { ["patient"] = PatientQuery, ["conditions"] = ConditionsQuery, ["medications"] = MedicationsQuery }),
    ];

    public static CdsServiceDescription? Find(string id) => Services.FirstOrDefault(s => s.Id == id);
}
