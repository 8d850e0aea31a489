using System.Globalization;
using Hl7.Fhir.Model;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// A referral as a FHIR R4 ServiceRequest (an order for medical massage, https://hl7.org/fhir/R4/servicerequest.html):
/// diagnoses as ICD-10-CM reason codes, the reason, goals and precautions as notes, visits requested as the quantity.
/// </summary>
public static class ReferralFhir
{
    public const string Icd10CmSystem = "http://hl7.org/fhir/sid/icd-10-cm";

    /// <summary>Tactus's own code for what is ordered: no verified SNOMED CT or CPT code names "a course of medical massage".</summary>
    public const string ServiceSystem = "https://tactus.example/fhir/CodeSystem/service";

    public const string ServiceCode = "medical-massage";
    public const string GoalsPrefix = "Goals: ";
    public const string PrecautionsPrefix = "Precautions: ";

    /// <param name="names">Display names of the people the referral names (referring clinician, assigned therapist), by user id.</param>
    public static ServiceRequest Build(Referral referral, IReadOnlyDictionary<Guid, string> names)
    {
        var lastChange = referral.StatusChanges.Count > 0 ? referral.StatusChanges.Max(c => c.At) : referral.CreatedAt;
        var request = new ServiceRequest
        {
            Id = referral.Id.ToString(),
            Meta = new Meta { LastUpdated = lastChange > referral.CreatedAt ? lastChange : referral.CreatedAt },
            Status = StatusOf(referral.Status),
            Intent = RequestIntent.Order,
            Priority = referral.Urgency == ReferralUrgency.Urgent ? RequestPriority.Urgent : RequestPriority.Routine,
            Code = new CodeableConcept(ServiceSystem, ServiceCode, "Medical massage therapy", "Medical massage therapy"),
            Subject = new ResourceReference($"Patient/{referral.PatientId}"),
            AuthoredOn = referral.CreatedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture),
            Requester = new ResourceReference { Display = names.GetValueOrDefault(referral.ReferringClinicianId, "Referring clinician") },
            Quantity = new Quantity { Value = referral.VisitsRequested, Unit = "visits" },
            ReasonCode = [.. referral.Diagnoses.OrderBy(d => d.Rank).Select(d => new CodeableConcept(Icd10CmSystem, d.Code, d.Display, d.Display))],
            Note = [new Annotation { Text = referral.Reason }],
        };
        if (referral.ExternalSystem is { } system && referral.ExternalId is { } value)
        {
            request.Identifier.Add(new Identifier(system, value)
            {
                Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "PLAC", "Placer Identifier"),
            });
        }

        if (!string.IsNullOrWhiteSpace(referral.Goals))
        {
            request.Note.Add(new Annotation { Text = GoalsPrefix + referral.Goals });
        }

        if (!string.IsNullOrWhiteSpace(referral.Precautions))
        {
            request.Note.Add(new Annotation { Text = PrecautionsPrefix + referral.Precautions });
        }

        if (referral.AssignedTherapistId is { } therapist)
        {
            request.Performer.Add(new ResourceReference { Display = names.GetValueOrDefault(therapist, "Assigned therapist") });
        }

        if (referral.StatusReason is { Length: > 0 } reason && referral.Status is ReferralStatus.Declined or ReferralStatus.Cancelled or ReferralStatus.OnHold)
        {
            request.Note.Add(new Annotation { Text = $"{Referral.Describe(referral.Status)}: {reason}" });
        }

        return request;
    }

    /// <summary>
    /// FHIR's request status (R4 §12.1 RequestStatus): the programme's steps (sent, accepted, scheduled, in progress) are
    /// all "active"; a declined or cancelled referral is "revoked"; a discharge "completed".
    /// </summary>
    public static RequestStatus StatusOf(ReferralStatus status) => status switch
    {
        ReferralStatus.Draft => RequestStatus.Draft,
        ReferralStatus.OnHold => RequestStatus.OnHold,
        ReferralStatus.Declined or ReferralStatus.Cancelled => RequestStatus.Revoked,
        ReferralStatus.Discharged => RequestStatus.Completed,
        _ => RequestStatus.Active,
    };

    /// <summary>The referral states a FHIR status search matches.</summary>
    public static IReadOnlyList<ReferralStatus> StatusesFor(RequestStatus status) =>
        Enum.GetValues<ReferralStatus>().Where(s => StatusOf(s) == status).ToList();
}
