namespace Tactus.Web.Features.Claims.X12;

/// <summary>Everything the 837P needs, already decided: the writer formats, it never looks anything up.</summary>
public sealed record InterchangeHeader(string SenderId, string ReceiverId, long ControlNumber, DateTime CreatedAt, string UsageIndicator, X12Separators Separators);

public sealed record BillingProviderParty(string Name, string Npi, string TaxId, string AddressLine, string City, string State, string PostalCode,
    string ContactName, string ContactPhone, string SubmitterId, string ReceiverName, string ReceiverId);

public sealed record PersonParty(string FamilyName, string GivenName, DateOnly? BirthDate = null, string? Sex = null,
    string? AddressLine = null, string? City = null, string? State = null, string? PostalCode = null);

/// <param name="RelationshipCode">X12 individual relationship code of the patient to the subscriber: 18 self, 01 spouse, 19 child, G8 other.</param>
public sealed record SubscriberParty(string PayerResponsibility, string RelationshipCode, string? GroupNumber, string ClaimFilingIndicator,
    string MemberId, PersonParty Person);

/// <param name="Taxonomy">NUCC taxonomy, sent as PRV*PE*PXC in loop 2310B when the payer requires it.</param>
public sealed record ProviderParty(string FamilyName, string GivenName, string Npi, string? Taxonomy = null);

public sealed record ServiceLineDocument(int LineNumber, string ControlNumber, string Code, IReadOnlyList<string> Modifiers, decimal Charge, int Units,
    IReadOnlyList<int> DiagnosisPointers, DateOnly ServiceDate);

/// <param name="Patient">Only when the patient is not the subscriber (loop 2000C/2010CA).</param>
public sealed record ClaimDocument(string ClaimNumber, decimal TotalCharge, string PlaceOfService, IReadOnlyList<string> Diagnoses,
    SubscriberParty Subscriber, PersonParty? Patient, string PayerName, string PayerId, ProviderParty? Referring, ProviderParty Rendering,
    string? AuthorizationNumber, IReadOnlyList<ServiceLineDocument> Lines)
{
    /// <summary>CLM05-3: 1 original; 7 replacement, sent with REF*F8 naming the payer's control number of the claim it replaces.</summary>
    public string FrequencyCode { get; init; } = "1";

    public string? OriginalPayerControlNumber { get; init; }

    /// <summary>For a secondary claim: what the primary payer decided (loops 2320/2330A/2330B and 2430 per line).</summary>
    public PriorPayerDocument? PriorPayer { get; init; }
}

/// <summary>The primary payer's adjudication, carried on the claim to the next payer (coordination of benefits).</summary>
public sealed record PriorPayerDocument(SubscriberParty Subscriber, string PayerName, string PayerId, decimal Paid, DateOnly AdjudicatedOn,
    IReadOnlyList<PriorLinePayment> Lines);

/// <param name="Adjustments">CAS groups and reasons as the primary payer gave them: (group, reason, amount).</param>
public sealed record PriorLinePayment(int LineNumber, string Code, IReadOnlyList<string> Modifiers, decimal Paid, int Units,
    IReadOnlyList<(string Group, string Reason, decimal Amount)> Adjustments);
