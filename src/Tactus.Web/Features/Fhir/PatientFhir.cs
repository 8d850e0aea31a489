using Hl7.Fhir.Model;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Fhir;

/// <summary>A Tactus patient as a FHIR R4 Patient (US Core-aligned: the MRN as an "MR" identifier, official name, gender, birth date).</summary>
public static class PatientFhir
{
    /// <summary>The system of the organisation's medical record numbers.</summary>
    public const string MrnSystem = "https://tactus.example/fhir/sid/mrn";

    public static Hl7.Fhir.Model.Patient Build(Patients.Patient patient)
    {
        var resource = new Hl7.Fhir.Model.Patient
        {
            Id = patient.Id.ToString(),
            Meta = new Meta { VersionId = patient.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), LastUpdated = patient.UpdatedAt },
            Active = patient.MergedIntoId is null,
            Identifier =
            [
                new Identifier(MrnSystem, patient.Mrn)
                {
                    Use = Identifier.IdentifierUse.Usual,
                    Type = new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0203", "MR", "Medical record number"),
                },
            ],
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = patient.FamilyName, Given = patient.GivenName.Split(' ', StringSplitOptions.RemoveEmptyEntries) }],
            Gender = patient.Sex switch
            {
                AdministrativeSex.Female => AdministrativeGender.Female,
                AdministrativeSex.Male => AdministrativeGender.Male,
                AdministrativeSex.Other => AdministrativeGender.Other,
                _ => AdministrativeGender.Unknown,
            },
            BirthDate = patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (!string.IsNullOrWhiteSpace(patient.Phone))
        {
            resource.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, ContactPoint.ContactPointUse.Home, patient.Phone));
        }

        if (!string.IsNullOrWhiteSpace(patient.Email))
        {
            resource.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Email, null, patient.Email));
        }

        if (new[] { patient.AddressLine, patient.City, patient.State, patient.PostalCode }.Any(p => !string.IsNullOrWhiteSpace(p)))
        {
            resource.Address.Add(new Address
            {
                Use = Address.AddressUse.Home,
                Line = string.IsNullOrWhiteSpace(patient.AddressLine) ? [] : [patient.AddressLine],
                City = patient.City, State = patient.State, PostalCode = patient.PostalCode,
            });
        }

        if (patient.MergedIntoId is { } survivor)
        {
            // A merged duplicate points at the record that lives on (FHIR Patient.link "replaced-by").
            resource.Link.Add(new Hl7.Fhir.Model.Patient.LinkComponent
            {
                Other = new ResourceReference($"Patient/{survivor}"), Type = Hl7.Fhir.Model.Patient.LinkType.ReplacedBy,
            });
        }

        if (patient.ExternalSystem is { } system && patient.ExternalId is { } value)
        {
            resource.Identifier.Add(new Identifier(system, value) { Use = Identifier.IdentifierUse.Secondary });
        }

        return resource;
    }
}
