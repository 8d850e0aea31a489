namespace Tactus.Web.Features.Patients;

/// <summary>The JSON shape of a patient on /api/patients.</summary>
public sealed record PatientDto(
    Guid Id,
    string Mrn,
    string GivenName,
    string FamilyName,
    DateOnly BirthDate,
    AdministrativeSex Sex,
    string? Phone,
    string? Email,
    string? AddressLine,
    string? City,
    string? State,
    string? PostalCode,
    int Version,
    DateTimeOffset UpdatedAt)
{
    public static PatientDto From(Patient p) => new(p.Id, p.Mrn, p.GivenName, p.FamilyName, p.BirthDate, p.Sex, p.Phone,
        p.Email, p.AddressLine, p.City, p.State, p.PostalCode, p.Version, p.UpdatedAt);
}
