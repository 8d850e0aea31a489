using System.ComponentModel.DataAnnotations;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// An inbound ServiceRequest (an EHR's referral) as the referral the form would make, checked by the same rules; the
/// inverse of <see cref="ReferralFhir"/>. The workflow then applies every rule a referral made in Tactus meets
/// (patient visible, diagnosis on the code list, requester a clinician of the organisation).
/// </summary>
public static class ReferralFhirInput
{
    private static readonly Dictionary<string, string> Elements = new()
    {
        [nameof(NewReferral.PatientId)] = "ServiceRequest.subject",
        [nameof(NewReferral.Diagnoses)] = "ServiceRequest.reasonCode",
        [nameof(NewReferral.Reason)] = "ServiceRequest.note",
        [nameof(NewReferral.Goals)] = "ServiceRequest.note",
        [nameof(NewReferral.Precautions)] = "ServiceRequest.note",
        [nameof(NewReferral.VisitsRequested)] = "ServiceRequest.quantityQuantity",
    };

    /// <summary>How references are found: in a transaction, <c>urn:uuid:</c> references name resources of the same bundle.</summary>
    public interface IReferences
    {
        /// <summary>The Tactus patient a subject reference names, or null.</summary>
        Guid? Patient(string reference);

        /// <summary>The ICD-10-CM code of the condition a reason reference names, or null.</summary>
        Task<string?> ConditionCodeAsync(string reference, Guid patientId, CancellationToken ct);
    }

    /// <summary>References to stored resources only (a plain create).</summary>
    public sealed class StoredReferences(TactusDbContext db) : IReferences
    {
        public Guid? Patient(string reference) => Id(reference, "Patient");

        public async Task<string?> ConditionCodeAsync(string reference, Guid patientId, CancellationToken ct) =>
            Id(reference, "Condition") is { } id && await db.Conditions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.PatientId == patientId, ct) is { } condition
                ? condition.Code : null;

        public static Guid? Id(string reference, string type) =>
            reference.Split('/') is [var t, var id] && t == type && Guid.TryParse(id, out var guid) ? guid : null;
    }

    public static async Task<(NewReferral? Input, OperationOutcome? Problems)> ReadAsync(ServiceRequest request, IReferences references,
        TactusDbContext db, IServiceProvider services, CancellationToken ct)
    {
        var issues = new List<OperationOutcome.IssueComponent>();
        if (request.Status is not (RequestStatus.Draft or RequestStatus.Active))
        {
            issues.Add(FhirApi.Issue("ServiceRequest.status", "A new referral is draft (kept to send later) or active (sent to the programme now)."));
        }

        if (request.Intent is not (RequestIntent.Order or RequestIntent.OriginalOrder))
        {
            issues.Add(FhirApi.Issue("ServiceRequest.intent", "A referral is an order (intent order or original-order)."));
        }

        var patientId = request.Subject?.Reference is { } subject ? references.Patient(subject) : null;
        if (patientId is null)
        {
            issues.Add(FhirApi.Issue("ServiceRequest.subject", "Name the patient as Patient/{id} (a patient Tactus holds), or a urn:uuid of a Patient in the same transaction."));
        }

        var codes = new List<string>();
        foreach (var coding in request.ReasonCode.SelectMany(c => c.Coding))
        {
            if (coding.System == ReferralFhir.Icd10CmSystem && !string.IsNullOrWhiteSpace(coding.Code))
            {
                codes.Add(coding.Code);
            }
        }

        foreach (var reason in request.ReasonReference)
        {
            if (patientId is { } id && reason.Reference is { } reference && await references.ConditionCodeAsync(reference, id, ct) is { } code)
            {
                codes.Add(code);
            }
            else
            {
                issues.Add(FhirApi.Issue("ServiceRequest.reasonReference", $"'{reason.Reference}' is not a Condition of this patient with an ICD-10-CM code."));
            }
        }

        var notes = request.Note.Select(n => n.Text).OfType<string>().ToList();
        var goals = notes.FirstOrDefault(n => n.StartsWith(ReferralFhir.GoalsPrefix, StringComparison.OrdinalIgnoreCase));
        var precautions = notes.FirstOrDefault(n => n.StartsWith(ReferralFhir.PrecautionsPrefix, StringComparison.OrdinalIgnoreCase));
        var reasonText = notes.FirstOrDefault(n => n != goals && n != precautions);
        int? visits = request.Quantity is Quantity { Value: { } value } ? (value == decimal.Truncate(value) && value is >= int.MinValue and <= int.MaxValue ? (int)value : -1) : null;
        var input = new NewReferral
        {
            PatientId = patientId,
            Diagnoses = codes.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            Reason = reasonText,
            Goals = goals?[ReferralFhir.GoalsPrefix.Length..],
            Precautions = precautions?[ReferralFhir.PrecautionsPrefix.Length..],
            VisitsRequested = visits ?? 8,
            Urgency = request.Priority is RequestPriority.Urgent or RequestPriority.Asap or RequestPriority.Stat ? ReferralUrgency.Urgent : ReferralUrgency.Routine,
            SendNow = request.Status == RequestStatus.Active,
            ExternalIdentifier = request.Identifier.FirstOrDefault(i => !string.IsNullOrWhiteSpace(i.System) && !string.IsNullOrWhiteSpace(i.Value)) is { } identifier
                ? (identifier.System!, identifier.Value!) : null,
        };
        if (input.ExternalIdentifier is { } external && (external.System.Length > ReferralLimits.ExternalIdentifier || external.Value.Length > ReferralLimits.ExternalIdentifier))
        {
            issues.Add(FhirApi.Issue("ServiceRequest.identifier", $"An identifier's system and value can be at most {ReferralLimits.ExternalIdentifier} characters."));
        }

        if (request.Requester?.Reference is { } requester)
        {
            input.ReferringClinicianId = StoredReferences.Id(requester, "Practitioner") is { } practitionerId
                ? await db.Practitioners.AsNoTracking().Where(p => p.Id == practitionerId).Select(p => (Guid?)p.UserId).SingleOrDefaultAsync(ct)
                : null;
            if (input.ReferringClinicianId is null)
            {
                issues.Add(FhirApi.Issue("ServiceRequest.requester", "The requester must be Practitioner/{id} of a clinician of your organisation."));
            }
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input, services, null), results, validateAllProperties: true);
        issues.AddRange(results.Where(r => !(r.MemberNames.Contains(nameof(NewReferral.PatientId)) && patientId is null))
            .Select(r => FhirApi.Issue(Elements.GetValueOrDefault(r.MemberNames.FirstOrDefault() ?? "", "ServiceRequest"), r.ErrorMessage ?? "This value is not valid.")));
        return issues.Count == 0 ? (input, null) : (null, new OperationOutcome { Issue = issues });
    }
}
