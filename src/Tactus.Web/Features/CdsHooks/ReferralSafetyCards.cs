using System.Text;
using System.Text.Json;
using Tactus.Web.Features.Fhir;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.CdsHooks;

/// <summary>
/// order-sign: a massage referral being signed is checked against the same contraindication rules a therapist's
/// screening uses (ContraindicationEngine, clinical.md §4), over the patient's active conditions (ICD-10-CM) and
/// medications (by name). Each finding is a warning card, critical when it defers massage altogether; each says why it
/// fired and where the rule comes from. No finding, no card.
/// </summary>
public sealed class ReferralSafetyCards(ContraindicationEngine engine)
{
    public IReadOnlyList<CdsCard> Cards(JsonElement context, JsonElement? conditions, JsonElement? medications, DateOnly today, string root)
    {
        var massage = MassageOrders.Drafts(context).Where(MassageOrders.IsMassage).ToList();
        if (massage.Count == 0)
        {
            return [];
        }

        var codes = massage.SelectMany(r => CdsFhirData.Codings(r, "reasonCode"))
            .Concat(CdsFhirData.Resources(conditions).Where(MassageOrders.IsActiveCondition).SelectMany(c => CdsFhirData.Codings(c, "code")))
            .Where(c => c.System == ReferralFhir.Icd10CmSystem && c.Code is { Length: > 0 }).Select(c => c.Code!).Distinct().ToList();
        var medicines = CdsFhirData.Resources(medications)
            .Where(m => CdsFhirData.Text(m, "resourceType") is "MedicationRequest" or "MedicationStatement")
            .SelectMany(m => CdsFhirData.Words(m, "medicationCodeableConcept")).Distinct().ToList();
        var result = engine.Evaluate(new IntakeAnswers(), codes, medicines, today);
        return result.Findings.Select(finding =>
        {
            var defers = finding.Does.Contains(RuleEffects.Defer);
            var asks = finding.Does.Contains(RuleEffects.Defer) ? "defer massage"
                : finding.Does.Contains(RuleEffects.Clearance) ? "your clearance before treatment"
                : finding.Does.Contains(RuleEffects.Modify) ? "lighter pressure or other techniques"
                : "an area left untreated";
            var detail = new StringBuilder()
                .Append(finding.ClinicianText).Append("\n\n**Why:** ").Append(string.Join("; ", finding.Reasons)).Append('.')
                .Append("\n\n**Source:** ").Append(finding.Source).ToString();
            return new CdsCard(Guid.NewGuid().ToString(), ProgrammeStatusCards.Shorten($"Massage referral: {finding.Finding} ({asks})"), detail,
                defers ? "critical" : "warning", new CdsSource("Tactus contraindication screening", $"{root}/Protocols"),
                OverrideReasons:
                [
                    new CdsCoding("clearance-given", $"{root}/cds-services/override-reasons", "I clear massage for this patient"),
                    new CdsCoding("therapist-will-modify", $"{root}/cds-services/override-reasons", "The therapist will adapt the treatment"),
                    new CdsCoding("not-current", $"{root}/cds-services/override-reasons", "The condition or medicine is no longer current"),
                ]);
        }).ToList();
    }
}
