using Tactus.Web.Features.Billing;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Coverage;

/// <remarks>
/// Request records: a value the contract needs and cannot default (the unit rule) is a required constructor
/// value, refused as 400 naming it when missing; a nullable value defaults to null and is checked with a
/// message by CoverageValidation.
/// </remarks>
public sealed record PayerInput(TimedUnitRule UnitRule, string? Name = null, string? PayerIdentifier = null, string? ClaimFilingIndicator = null,
    List<string>? RequiredTherapyModifiers = null, string? DistinctServiceModifier = null, int? VisitLimitPerYear = null, bool RequiresAuthorization = false,
    bool RequiresReferringProvider = false, List<string>? AcceptedRenderingDisciplines = null, bool RequiresRenderingTaxonomy = false);

public sealed record CoverageInput(Guid PayerId, CoveragePriority Priority, SubscriberRelationship Relationship, DateOnly StartsOn,
    string? MemberId = null, string? GroupNumber = null, Subscriber? Subscriber = null, DateOnly? EndsOn = null);

public sealed record AuthorizationInput(Guid CoverageId, int VisitsApproved, DateOnly StartsOn, DateOnly EndsOn, Guid? ReferralId = null, string? Number = null,
    int? UnitsApproved = null);

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
