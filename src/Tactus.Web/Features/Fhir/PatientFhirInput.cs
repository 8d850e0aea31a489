using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Hl7.Fhir.Model;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// A FHIR Patient a client sent, as the demographics Tactus keeps (the inverse of <see cref="PatientFhir"/>), checked by
/// the same rules as the registration form. What Tactus does not keep (a second address, contacts, the EHR's own
/// identifiers beyond the first) is not stored; the MRN is Tactus's to assign, and the EHR's first identifier of another
/// system is kept so that the EHR finds the patient again.
/// </summary>
public static class PatientFhirInput
{
    /// <summary>Where each form field lives in the FHIR Patient, so an error names the element a client's developer fixes.</summary>
    private static readonly Dictionary<string, string> Elements = new()
    {
        [nameof(PatientInput.GivenName)] = "Patient.name.given",
        [nameof(PatientInput.FamilyName)] = "Patient.name.family",
        [nameof(PatientInput.BirthDate)] = "Patient.birthDate",
        [nameof(PatientInput.Sex)] = "Patient.gender",
        [nameof(PatientInput.Phone)] = "Patient.telecom",
        [nameof(PatientInput.Email)] = "Patient.telecom",
        [nameof(PatientInput.AddressLine)] = "Patient.address.line",
        [nameof(PatientInput.City)] = "Patient.address.city",
        [nameof(PatientInput.State)] = "Patient.address.state",
        [nameof(PatientInput.PostalCode)] = "Patient.address.postalCode",
    };

    /// <summary>
    /// The registering EHR's identifier: the first of another system than Tactus's MRNs, with both a system and a value
    /// within <see cref="PatientLimits.ExternalIdentifier"/> characters (a longer one is not kept; the patient is then found
    /// by name and birth date as any other).
    /// </summary>
    public static (string System, string Value)? ExternalIdentifier(Hl7.Fhir.Model.Patient resource) =>
        resource.Identifier.FirstOrDefault(i => i.System is { Length: > 0 and <= PatientLimits.ExternalIdentifier } system && system != PatientFhir.MrnSystem
            && i.Value is { Length: > 0 and <= PatientLimits.ExternalIdentifier }) is { System: { } system, Value: { } value } ? (system, value) : null;

    /// <summary>The input, or the OperationOutcome (422) listing every element that breaks a rule.</summary>
    public static (T? Input, OperationOutcome? Problems) Read<T>(Hl7.Fhir.Model.Patient resource, IServiceProvider services, Action<T>? prepare = null)
        where T : PatientInput, new()
    {
        var issues = new List<OperationOutcome.IssueComponent>();
        var name = resource.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official)
            ?? resource.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Usual)
            ?? resource.Name.FirstOrDefault(n => n.Use is not (HumanName.NameUse.Old or HumanName.NameUse.Nickname));
        DateOnly? birthDate = null;
        if (resource.BirthDate is { } birth)
        {
            if (DateOnly.TryParseExact(birth, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                birthDate = day;
            }
            else
            {
                issues.Add(FhirApi.Issue("Patient.birthDate", "Tactus needs the full date of birth (yyyy-MM-dd), not a year or month alone."));
            }
        }

        var address = resource.Address.FirstOrDefault(a => a.Use == Address.AddressUse.Home) ?? resource.Address.FirstOrDefault();
        var input = new T
        {
            GivenName = name is null ? null : string.Join(' ', name.Given.Where(g => !string.IsNullOrWhiteSpace(g))) is { Length: > 0 } given ? given : null,
            FamilyName = name?.Family,
            BirthDate = birthDate,
            Sex = resource.Gender switch
            {
                AdministrativeGender.Female => AdministrativeSex.Female,
                AdministrativeGender.Male => AdministrativeSex.Male,
                AdministrativeGender.Other => AdministrativeSex.Other,
                _ => AdministrativeSex.Unknown,
            },
            Phone = resource.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            Email = resource.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value,
            AddressLine = address?.Line.FirstOrDefault(),
            City = address?.City,
            State = address?.State,
            PostalCode = address?.PostalCode,
        };

        prepare?.Invoke(input);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input, services, null), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var member = result.MemberNames.FirstOrDefault() ?? "";
            if (member == nameof(PatientInput.BirthDate) && issues.Count > 0 && resource.BirthDate is not null)
            {
                continue; // already said why the date could not be read
            }

            issues.Add(FhirApi.Issue(Elements.GetValueOrDefault(member, "Patient"), result.ErrorMessage ?? "This value is not valid."));
        }

        return issues.Count == 0 ? (input, null) : (null, new OperationOutcome { Issue = issues });
    }
}
