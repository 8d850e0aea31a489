using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Practitioners;

/// <summary>
/// A clinical staff member's professional identity (FHIR Practitioner + qualification): NPI,
/// discipline, licences and technique certifications. One per user who treats or refers.
/// </summary>
public sealed class Practitioner : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid UserId { get; init; }
    public required string Discipline { get; set; }
    public string? Npi { get; set; }

    /// <summary>The NUCC provider taxonomy code the practitioner is enumerated under; when empty, the discipline's usual code.</summary>
    public string? TaxonomyCode { get; set; }

    /// <summary>The taxonomy a claim names for this practitioner (837P 2310B PRV03), or null when none is known.</summary>
    public string? ClaimTaxonomy => TaxonomyCode ?? Disciplines.Taxonomy(Discipline);

    public List<Licence> Licences { get; init; } = [];
    public List<Certification> Certifications { get; init; } = [];
}

public sealed class Licence : Access.IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public required string State { get; set; }
    public required string Number { get; set; }
    public LicenceStatus Status { get; set; }
    public DateOnly ExpiresOn { get; set; }
}

public enum LicenceStatus
{
    Active,
    Inactive,
    Suspended,
    Revoked,
}

public sealed class Certification : Access.IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>An id that techniques name in requiresCertification (Reference/Clinical/techniques.json).</summary>
    public required string Code { get; set; }

    public DateOnly? ExpiresOn { get; set; }
}

public static class Disciplines
{
    public const string MassageTherapist = "massage-therapist";
    public const string Physician = "physician";
    public const string NursePractitioner = "nurse-practitioner";
    public const string PhysicianAssistant = "physician-assistant";

    /// <summary>
    /// The usual NUCC Health Care Provider Taxonomy code for a discipline where one code fits everyone in it: 225700000X
    /// Massage Therapist. Physicians differ by specialty, so they have none here and carry their own code.
    /// </summary>
    public static string? Taxonomy(string discipline) => discipline == MassageTherapist ? "225700000X" : null;
}
