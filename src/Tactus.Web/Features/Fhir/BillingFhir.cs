using System.Globalization;
using Hl7.Fhir.Model;
using Claim = Tactus.Web.Features.Claims.Claim;
using Tactus.Web.Features.Coverage;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// The billing record as FHIR R4: a patient's insurance as Coverage, and a claim the payer has answered (a posted 835
/// remittance) as an ExplanationOfBenefit with each line's charge, allowed amount, payment and adjustment reasons (X12
/// CARC). The payer is named by its identifier and name; Tactus does not serve payers as Organizations.
/// </summary>
public static class BillingFhir
{
    public const string MemberSystem = "https://tactus.example/fhir/sid/member-id";
    public const string PayerSystem = "https://tactus.example/fhir/sid/payer-id";
    public const string CarcSystem = "https://x12.org/codes/claim-adjustment-reason-codes";
    public const string CptSystem = "http://www.ama-assn.org/go/cpt";
    private const string AdjudicationSystem = "http://terminology.hl7.org/CodeSystem/adjudication";

    public static Hl7.Fhir.Model.Coverage Build(PatientCoverage coverage, Payer payer, DateOnly today) => new()
    {
        Id = coverage.Id.ToString(),
        Status = coverage.EndsOn is { } end && end < today ? FinancialResourceStatusCodes.Cancelled : FinancialResourceStatusCodes.Active,
        Identifier = [new Identifier(MemberSystem, coverage.MemberId)],
        SubscriberId = coverage.MemberId,
        Beneficiary = new ResourceReference($"Patient/{coverage.PatientId}"),
        Relationship = new CodeableConcept("http://terminology.hl7.org/CodeSystem/subscriber-relationship", Relationship(coverage.Relationship)),
        Period = new Period
        {
            Start = coverage.StartsOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            End = coverage.EndsOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        },
        Payor = [Payor(payer)],
        Class = coverage.GroupNumber is { Length: > 0 } group
            ? [new Hl7.Fhir.Model.Coverage.ClassComponent { Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/coverage-class", "group"), Value = group }]
            : [],
        Order = coverage.Priority switch { CoveragePriority.Primary => 1, CoveragePriority.Secondary => 2, _ => 3 },
    };

    public static ExplanationOfBenefit Build(Claim claim, Payer payer)
    {
        var eob = new ExplanationOfBenefit
        {
            Id = claim.Id.ToString(),
            Identifier = [new Identifier("https://tactus.example/fhir/sid/claim-number", claim.ClaimNumber)],
            Status = ExplanationOfBenefit.ExplanationOfBenefitStatus.Active,
            Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/claim-type", "professional", "Professional"),
            Use = ClaimUseCode.Claim,
            Patient = new ResourceReference($"Patient/{claim.PatientId}"),
            BillablePeriod = new Period { Start = claim.FromDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), End = claim.ToDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            Created = (claim.RemittedAt ?? claim.CreatedAt).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Insurer = Payor(payer),
            Provider = new ResourceReference($"Organization/{claim.OrganizationId}"),
            Outcome = claim.Lines.All(l => l.Denied) ? ClaimProcessingCodes.Error : claim.Lines.Any(l => l.Denied) ? ClaimProcessingCodes.Partial : ClaimProcessingCodes.Complete,
            Insurance = [new ExplanationOfBenefit.InsuranceComponent { Focal = true, Coverage = new ResourceReference($"Coverage/{claim.CoverageId}") }],
            Diagnosis = [.. claim.Diagnoses.Select((code, index) => new ExplanationOfBenefit.DiagnosisComponent
            {
                Sequence = index + 1,
                Diagnosis = new CodeableConcept(ReferralFhir.Icd10CmSystem, code),
            })],
        };
        foreach (var line in claim.Lines)
        {
            var item = new ExplanationOfBenefit.ItemComponent
            {
                Sequence = line.LineNumber,
                ProductOrService = new CodeableConcept(CptSystem, line.Code),
                Modifier = [.. line.Modifiers.Select(m => new CodeableConcept("http://www.ama-assn.org/go/cpt", m))],
                Serviced = new Date(line.ServiceDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                Quantity = new Quantity { Value = line.Units },
                DiagnosisSequence = [.. line.DiagnosisPointers.Select(p => (int?)p)],
                Adjudication = [Adjudication("submitted", line.Charge)],
            };
            if (line.Allowed is { } allowed)
            {
                item.Adjudication.Add(Adjudication("eligible", allowed));
            }

            item.Adjudication.Add(Adjudication("benefit", line.Paid));
            foreach (var adjustment in line.Adjustments)
            {
                var reason = Adjudication("submitted", adjustment.Amount);
                reason.Category = new CodeableConcept(AdjudicationSystem, "submitted") { Text = $"Adjustment, group {adjustment.Group}" };
                reason.Reason = new CodeableConcept(CarcSystem, adjustment.Reason);
                item.Adjudication.Add(reason);
            }

            eob.Item.Add(item);
        }

        eob.Total =
        [
            new ExplanationOfBenefit.TotalComponent { Category = new CodeableConcept(AdjudicationSystem, "submitted"), Amount = Money(claim.TotalChargeCents / 100m) },
            new ExplanationOfBenefit.TotalComponent { Category = new CodeableConcept(AdjudicationSystem, "benefit"), Amount = Money(claim.PaidCents / 100m) },
        ];
        eob.Payment = new ExplanationOfBenefit.PaymentComponent { Amount = Money(claim.PaidCents / 100m) };
        return eob;
    }

    private static ExplanationOfBenefit.AdjudicationComponent Adjudication(string category, decimal amount) => new()
    {
        Category = new CodeableConcept(AdjudicationSystem, category),
        Amount = Money(amount),
    };

    private static Money Money(decimal amount) => new() { Value = amount, Currency = Hl7.Fhir.Model.Money.Currencies.USD };

    private static ResourceReference Payor(Payer payer) => new() { Identifier = new Identifier(PayerSystem, payer.PayerIdentifier), Display = payer.Name };

    private static string Relationship(SubscriberRelationship relationship) => relationship switch
    {
        SubscriberRelationship.Self => "self",
        SubscriberRelationship.Spouse => "spouse",
        SubscriberRelationship.Child => "child",
        _ => "other",
    };
}
