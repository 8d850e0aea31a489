using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Coverage;

/// <summary>A patient's insurance with one payer (FHIR Coverage): member, group, subscriber and dates.</summary>
public sealed class PatientCoverage : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public Guid PayerId { get; set; }
    public required string MemberId { get; set; }
    public string? GroupNumber { get; set; }
    public CoveragePriority Priority { get; set; }
    public SubscriberRelationship Relationship { get; set; }

    /// <summary>The subscriber when it is not the patient (2010BA); when Self the patient's own details are used.</summary>
    public Subscriber? Subscriber { get; set; }

    public DateOnly StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }

    public bool ActiveOn(DateOnly day) => day >= StartsOn && (EndsOn is null || day <= EndsOn);
}

public sealed record Subscriber(string GivenName, string FamilyName, DateOnly BirthDate, AdministrativeSex Sex,
    string? AddressLine = null, string? City = null, string? State = null, string? PostalCode = null);

public enum CoveragePriority
{
    Primary,
    Secondary,
    Tertiary,
}

/// <summary>The patient's relationship to the subscriber, with its X12 individual relationship code (SBR02 / PAT01).</summary>
public enum SubscriberRelationship
{
    Self,
    Spouse,
    Child,
    Other,
}

public static class SubscriberRelationshipCodes
{
    public static string X12(this SubscriberRelationship relationship) => relationship switch
    {
        SubscriberRelationship.Self => "18",
        SubscriberRelationship.Spouse => "01",
        SubscriberRelationship.Child => "19",
        _ => "G8",
    };

    public static string X12(this CoveragePriority priority) => priority switch
    {
        CoveragePriority.Primary => "P",
        CoveragePriority.Secondary => "S",
        _ => "T",
    };
}
