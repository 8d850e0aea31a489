using Tactus.Web.Features.Billing;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Coverage;

public sealed record PayerInput(string? Name, string? PayerIdentifier, string? ClaimFilingIndicator, TimedUnitRule UnitRule,
    List<string>? RequiredTherapyModifiers, string? DistinctServiceModifier, int? VisitLimitPerYear, bool RequiresAuthorization,
    bool RequiresReferringProvider, List<string>? AcceptedRenderingDisciplines);

public sealed record CoverageInput(Guid PayerId, string? MemberId, string? GroupNumber, CoveragePriority Priority, SubscriberRelationship Relationship,
    Subscriber? Subscriber, DateOnly StartsOn, DateOnly? EndsOn);

public sealed record AuthorizationInput(Guid CoverageId, Guid? ReferralId, string? Number, int VisitsApproved, int? UnitsApproved, DateOnly StartsOn, DateOnly EndsOn);

public sealed record AuthorizationView(Guid Id, Guid PatientId, string PatientName, string PayerName, string Number, int VisitsApproved, int VisitsUsed,
    int VisitsLeft, int? UnitsApproved, int UnitsUsed, DateOnly StartsOn, DateOnly EndsOn, bool RunningOut);

public sealed record CoverageView(Guid Id, Guid PayerId, string PayerName, string MemberId, string? GroupNumber, CoveragePriority Priority,
    SubscriberRelationship Relationship, Subscriber? Subscriber, DateOnly StartsOn, DateOnly? EndsOn);

internal static class CoverageValidation
{
    public static Dictionary<string, string[]> Check(PayerInput p)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(p.Name) || p.Name.Trim().Length > 60)
        {
            errors["name"] = ["Give the payer's name (at most 60 characters)."];
        }

        if (string.IsNullOrWhiteSpace(p.PayerIdentifier) || p.PayerIdentifier.Trim().Length > 80 || !p.PayerIdentifier.Trim().All(char.IsAsciiLetterOrDigit))
        {
            errors["payerIdentifier"] = ["Give the payer id the clearinghouse lists (letters and digits)."];
        }

        if (p.ClaimFilingIndicator is not null && !ClaimFilingIndicators.Known.ContainsKey(p.ClaimFilingIndicator))
        {
            errors["claimFilingIndicator"] = [$"Use one of {string.Join(", ", ClaimFilingIndicators.Known.Keys)}."];
        }

        if ((p.RequiredTherapyModifiers ?? []).Append(p.DistinctServiceModifier ?? "XS").Any(m => m.Length != 2 || !m.All(char.IsAsciiLetterOrDigit)))
        {
            errors["modifiers"] = ["Modifiers are two letters or digits (GP, XS, 59)."];
        }

        if (p.VisitLimitPerYear is < 1 or > 366)
        {
            errors["visitLimitPerYear"] = ["A yearly visit limit is 1–366, or none."];
        }

        return errors;
    }

    public static Dictionary<string, string[]> Check(CoverageInput c)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(c.MemberId) || c.MemberId.Trim().Length > 80)
        {
            errors["memberId"] = ["Give the member id printed on the insurance card."];
        }

        if (c.Relationship != SubscriberRelationship.Self && (c.Subscriber is null || string.IsNullOrWhiteSpace(c.Subscriber.FamilyName) || string.IsNullOrWhiteSpace(c.Subscriber.GivenName)))
        {
            errors["subscriber"] = ["When the patient is not the subscriber, give the subscriber's name and birth date."];
        }

        if (c.EndsOn < c.StartsOn)
        {
            errors["endsOn"] = ["Coverage cannot end before it starts."];
        }

        return errors;
    }
}
