using System.Text.Json;
using Hl7.Fhir.Model;
using Tactus.Web.Features.Fhir;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.CdsHooks;

/// <summary>
/// order-select: when what is being ordered is for a condition the protocol library covers (by the orders' reason codes
/// and the patient's active conditions, ICD-10-CM), one card per condition suggests a massage referral. The card states
/// the evidence as the library reviewed it (clinical.md §5: effect sizes and certainty, or "not reviewed"), never more,
/// and its suggestion is a prefilled ServiceRequest the clinician may accept.
/// </summary>
public sealed class ReferralSuggestionCards(ClinicalReference reference)
{
    /// <summary>At most this many conditions' cards, most specific first: a card per code of a long problem list helps no one.</summary>
    public const int MaxCards = 2;

    public IReadOnlyList<CdsCard> Cards(JsonElement context, JsonElement? conditions, string root)
    {
        var drafts = MassageOrders.Drafts(context);
        if (drafts.Any(MassageOrders.IsMassage))
        {
            return []; // already ordering massage: the order-sign service checks it
        }

        var codes = drafts.SelectMany(r => CdsFhirData.Codings(r, "reasonCode"))
            .Concat(CdsFhirData.Resources(conditions).Where(MassageOrders.IsActiveCondition).SelectMany(c => CdsFhirData.Codings(c, "code")))
            .Where(c => c.System == ReferralFhir.Icd10CmSystem && c.Code is { Length: > 0 })
            .Select(c => (Code: ContraindicationEngine.NormalizeCode(c.Code!), c.Display)).DistinctBy(c => c.Code).ToList();
        var patientId = CdsFhirData.Text(context, "patientId");
        var cards = new List<CdsCard>();
        foreach (var protocol in reference.ProtocolsFor(codes.Select(c => c.Code)).Take(MaxCards))
        {
            var matched = codes.Where(c => protocol.Icd10Prefixes.Any(p => c.Code.StartsWith(ContraindicationEngine.NormalizeCode(p), StringComparison.Ordinal))).ToList();
            var reviewed = !protocol.Certainty.StartsWith("Not reviewed", StringComparison.OrdinalIgnoreCase);
            var summary = reviewed
                ? $"Medical massage may help {protocol.Condition.ToLowerInvariant()} ({protocol.Certainty.ToLowerInvariant()} certainty evidence)"
                : $"Medical massage for {protocol.Condition.ToLowerInvariant()}: evidence not yet reviewed";
            var detail = $"{protocol.Evidence}\n\n**Certainty:** {protocol.Certainty}. **Typical course:** {protocol.SessionsPerWeek} a week for {protocol.Weeks} weeks, "
                + "with questionnaires to show whether it helps this patient.\n\n"
                + (protocol.Citations.Count > 0 ? $"Sources: {string.Join("; ", protocol.Citations)}." : "");
            var request = Suggested(patientId, CdsFhirData.Text(context, "userId"), matched, protocol);
            cards.Add(new CdsCard(Guid.NewGuid().ToString(), ProgrammeStatusCards.Shorten(summary), detail, "info",
                new CdsSource("Tactus protocol library", $"{root}/Protocols", new CdsCoding(protocol.Id, $"{root}/cds-services/topics", protocol.Condition)),
                [
                    new CdsSuggestion($"Refer for medical massage ({protocol.Condition.ToLowerInvariant()})", Guid.NewGuid().ToString(), true,
                        [new CdsAction("create", $"A referral for medical massage, reason {string.Join(", ", matched.Select(m => m.Code))}", request)]),
                ],
                "at-most-one",
                [
                    new CdsCoding("not-appropriate", $"{root}/cds-services/override-reasons", "Not appropriate for this patient"),
                    new CdsCoding("patient-declined", $"{root}/cds-services/override-reasons", "Patient declined"),
                    new CdsCoding("already-receiving", $"{root}/cds-services/override-reasons", "Already receiving manual therapy"),
                ]));
        }

        return cards;
    }

    /// <summary>The referral to create if the clinician accepts: the same shape Tactus accepts at POST /fhir/ServiceRequest.</summary>
    private static JsonElement Suggested(string? patientId, string? userId, IReadOnlyList<(string Code, string? Display)> reasons, ClinicalReference.Protocol protocol)
    {
        var request = new ServiceRequest
        {
            Status = RequestStatus.Draft,
            Intent = RequestIntent.Order,
            Code = new CodeableConcept(ReferralFhir.ServiceSystem, ReferralFhir.ServiceCode, "Medical massage therapy", "Medical massage therapy"),
            Subject = new ResourceReference(patientId is null ? null : $"Patient/{patientId}"),
            ReasonCode = [.. reasons.Select(r => new CodeableConcept(ReferralFhir.Icd10CmSystem, r.Code, r.Display, r.Display))],
            Note = [new Annotation { Text = new Markdown($"Suggested course for {protocol.Condition.ToLowerInvariant()}: {protocol.SessionsPerWeek} a week for {protocol.Weeks} weeks.") }],
        };
        if (userId is { } user && (user.StartsWith("Practitioner/", StringComparison.Ordinal) || user.StartsWith("PractitionerRole/", StringComparison.Ordinal)))
        {
            request.Requester = new ResourceReference(user);
        }

        return JsonSerializer.SerializeToElement(request, FhirResult.Compact);
    }
}

/// <summary>How an EHR's order or condition is read.</summary>
public static class MassageOrders
{
    /// <summary>The orders being written (the order-select and order-sign context's draftOrders Bundle).</summary>
    public static List<JsonElement> Drafts(JsonElement context) =>
        CdsFhirData.Resources(context.ValueKind == JsonValueKind.Object && context.TryGetProperty("draftOrders", out var drafts) ? drafts : null).ToList();

    /// <summary>
    /// A ServiceRequest for massage: Tactus's own service code, CPT 97124 (massage), or the word in its code's text.
    /// </summary>
    public static bool IsMassage(JsonElement resource) =>
        CdsFhirData.Text(resource, "resourceType") == "ServiceRequest"
        && (CdsFhirData.Codings(resource, "code").Any(c => (c.System == ReferralFhir.ServiceSystem && c.Code == ReferralFhir.ServiceCode) || c.Code == "97124")
            || CdsFhirData.Words(resource, "code").Any(w => w.Contains("massage", StringComparison.OrdinalIgnoreCase)));

    /// <summary>A Condition whose clinical status is active, recurrence or relapse, or not stated.</summary>
    public static bool IsActiveCondition(JsonElement condition)
    {
        var status = CdsFhirData.Codings(condition, "clinicalStatus").Select(c => c.Code).FirstOrDefault();
        return CdsFhirData.Text(condition, "resourceType") == "Condition" && status is null or "active" or "recurrence" or "relapse";
    }
}
