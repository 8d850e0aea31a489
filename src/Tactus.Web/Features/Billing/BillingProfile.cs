using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Billing;

/// <summary>
/// The organisation as a billing provider and X12 sender: NPI, tax id, address (9-digit ZIP for 2010AA),
/// submitter and receiver ids, separators, and the counters that make interchange control numbers and claim
/// numbers that never repeat. One per organisation.
/// </summary>
public sealed class BillingProfile : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string LegalName { get; set; }
    public string? Npi { get; set; }
    public string? TaxId { get; set; }
    public string? AddressLine { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string ContactName { get; set; } = "BILLING DESK";
    public string? ContactPhone { get; set; }
    public required string SubmitterId { get; set; }
    public required string ReceiverId { get; set; }
    public required string ReceiverName { get; set; }

    /// <summary>CMS place-of-service code for the visits (11 office, clinical.md §2.5).</summary>
    public string PlaceOfService { get; set; } = "11";

    /// <summary>ISA15: T for test files, P for production.</summary>
    public string UsageIndicator { get; set; } = "T";

    public char ElementSeparator { get; set; } = '*';
    public char ComponentSeparator { get; set; } = ':';
    public char RepetitionSeparator { get; set; } = '^';
    public char SegmentTerminator { get; set; } = '~';

    public long NextInterchangeControlNumber { get; set; } = 1;
    public long NextClaimNumber { get; set; } = 1001;
}

/// <summary>The organisation's charge for one unit of a code.</summary>
public sealed class FeeScheduleEntry : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Code { get; init; }
    public decimal Amount { get; set; }
}
