using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Patients;

/// <summary>A person receiving care (FHIR Patient). Demographics only; clinical data hangs off it.</summary>
public sealed class Patient : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Mrn { get; init; }
    private string _givenName = "";
    private string _familyName = "";

    public required string GivenName
    {
        get => _givenName;
        set
        {
            _givenName = value;
            GivenKey = SearchKey.Of(value);
        }
    }

    public required string FamilyName
    {
        get => _familyName;
        set
        {
            _familyName = value;
            FamilyKey = SearchKey.Of(value);
        }
    }

    /// <summary>The given name as searched (SearchKey): kept with the name, indexed after the organisation.</summary>
    public string GivenKey { get; private set; } = "";

    /// <summary>The family name as searched (SearchKey).</summary>
    public string FamilyKey { get; private set; } = "";
    public DateOnly BirthDate { get; set; }
    public AdministrativeSex Sex { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? AddressLine { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>
    /// The patient's identifier in the EHR that registered them through FHIR (its system and value), unique in the
    /// organisation: a retried or concurrent create by that EHR finds this patient instead of registering a second.
    /// </summary>
    public string? ExternalSystem { get; set; }
    public string? ExternalId { get; set; }

    /// <summary>Optimistic concurrency: an edit based on an older version is refused, never merged silently.</summary>
    public int Version { get; set; } = 1;

    /// <summary>Set when an administrator merged this record, a duplicate, into another: its data now lives there.</summary>
    public Guid? MergedIntoId { get; set; }

    public DateTimeOffset? MergedAt { get; set; }

    public List<CareTeamMember> CareTeam { get; init; } = [];
    public List<Condition> Conditions { get; init; } = [];

    Guid IPatientScoped.PatientId => Id;

    public string FullName => $"{GivenName} {FamilyName}";

    public int AgeOn(DateOnly day)
    {
        var age = day.Year - BirthDate.Year;
        return BirthDate > day.AddYears(-age) ? age - 1 : age;
    }
}
