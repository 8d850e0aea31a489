using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Coverage;

/// <summary>
/// A payer's prior authorisation: how many visits (and optionally units) between two dates. Visits used
/// are counted from the visits themselves, never typed in; a visit past it needs an override with a reason.
/// </summary>
public sealed class Authorization : IOrganizationOwned, IPatientData
{
    /// <summary>Warn when this many visits or fewer are left (the biller's "running out" list and the check-in).</summary>
    public const int WarnWhenVisitsLeft = 2;

    /// <summary>Warn this many days before the authorisation ends.</summary>
    public const int WarnDaysBeforeEnd = 14;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid CoverageId { get; init; }
    public Guid? ReferralId { get; init; }
    public required string Number { get; set; }
    public int VisitsApproved { get; set; }
    public int? UnitsApproved { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    public bool Covers(DateOnly day) => day >= StartsOn && day <= EndsOn;

    public static void Validate(string number, int visits, int? units, DateOnly startsOn, DateOnly endsOn)
    {
        if (string.IsNullOrWhiteSpace(number) || number.Trim().Length > 50)
        {
            throw new DomainRuleException("authorization-number", "Give the authorisation number the payer issued (at most 50 characters).", StatusCodes.Status422UnprocessableEntity);
        }

        if (visits is < 1 or > 365 || units is < 1 or > 2000)
        {
            throw new DomainRuleException("authorization-amount", "Visits approved must be 1–365 and units, when given, 1–2000.", StatusCodes.Status422UnprocessableEntity);
        }

        if (endsOn < startsOn)
        {
            throw new DomainRuleException("authorization-dates", "The authorisation cannot end before it starts.", StatusCodes.Status422UnprocessableEntity);
        }
    }
}
