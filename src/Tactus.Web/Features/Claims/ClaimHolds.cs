using Tactus.Web.Features.Practitioners;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims;

/// <summary>The facts a claim is checked against before export, gathered by the workflow.</summary>
public sealed record ClaimFacts(
    string? BillingNpi, string? TaxId, string? BillingAddress, string? BillingPostalCode,
    string? RenderingNpi, string RenderingDiscipline, IReadOnlyList<string> AcceptedRenderingDisciplines, string PayerName,
    bool ReferringRequired, string? ReferringNpi,
    string? MemberId, bool SubscriberIsPatient, bool SubscriberRecorded, bool PatientAddressRecorded,
    int DiagnosisCount, IReadOnlyList<IReadOnlyList<int>> LinePointers,
    bool AuthorizationRequired, string? AuthorizationProblem,
    int? VisitLimitPerYear, int VisitsThisYear,
    string? AuthorizationNumber = null, int? UnitsApproved = null, int UnitsBilledWithThisClaim = 0);

/// <summary>
/// Pure: the reasons a payer or clearinghouse would reject the claim, found before export so it is held with
/// the reason instead of bouncing (issue 05 §3). Each reason says what to fix.
/// </summary>
[PureEngine]
public static class ClaimHolds
{
    public static IReadOnlyList<string> Find(ClaimFacts f)
    {
        var reasons = new List<string>();
        if (!CredentialRules.IsValidNpi(f.BillingNpi))
        {
            reasons.Add("The billing provider has no valid NPI (billing profile).");
        }

        if (f.TaxId is null || f.TaxId.Count(char.IsAsciiDigit) != 9)
        {
            reasons.Add("The billing provider's tax id (EIN, 9 digits) is missing (billing profile).");
        }

        if (string.IsNullOrWhiteSpace(f.BillingAddress) || f.BillingPostalCode is null || f.BillingPostalCode.Count(char.IsAsciiDigit) != 9)
        {
            reasons.Add("The billing provider needs a street address and a 9-digit ZIP code (billing profile).");
        }

        if (!CredentialRules.IsValidNpi(f.RenderingNpi))
        {
            reasons.Add("The treating therapist has no valid NPI (Credentials page).");
        }

        if (f.AcceptedRenderingDisciplines.Count > 0 && !f.AcceptedRenderingDisciplines.Contains(f.RenderingDiscipline))
        {
            reasons.Add($"{f.PayerName} does not accept a {f.RenderingDiscipline.Replace('-', ' ')} as rendering provider (payer settings; Medicare does not enrol licensed massage therapists as providers).");
        }

        if (f.ReferringRequired && !CredentialRules.IsValidNpi(f.ReferringNpi))
        {
            reasons.Add($"{f.PayerName} requires the referring provider, and the referring clinician has no valid NPI.");
        }

        if (string.IsNullOrWhiteSpace(f.MemberId))
        {
            reasons.Add("The subscriber's member id is missing (patient coverage).");
        }

        if (!f.SubscriberIsPatient && !f.SubscriberRecorded)
        {
            reasons.Add("The patient is not the subscriber, and the subscriber's name and birth date are not recorded (patient coverage).");
        }

        if (!f.PatientAddressRecorded)
        {
            reasons.Add("The patient's address is missing (patient record); the 837P needs it.");
        }

        if (f.DiagnosisCount == 0)
        {
            reasons.Add("The claim has no diagnosis: the referral carries none.");
        }

        if (f.LinePointers.Any(p => p.Count == 0 || p.Any(i => i < 1 || i > f.DiagnosisCount)))
        {
            reasons.Add("A service line has no valid diagnosis pointer.");
        }

        if (f.AuthorizationRequired && f.AuthorizationProblem is not null)
        {
            reasons.Add(f.AuthorizationProblem);
        }

        if (f.AuthorizationRequired && f.UnitsApproved is { } approved && f.UnitsBilledWithThisClaim > approved)
        {
            reasons.Add($"Authorisation {f.AuthorizationNumber} approves {approved} units; with this claim {f.UnitsBilledWithThisClaim} would be billed.");
        }

        if (f.VisitLimitPerYear is { } limit && f.VisitsThisYear > limit)
        {
            reasons.Add($"{f.PayerName} covers {limit} visits a year; this is visit {f.VisitsThisYear}.");
        }

        return reasons;
    }
}
