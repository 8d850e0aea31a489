namespace Tactus.Web.Features.Patients;

/// <summary>FHIR R4 administrative-gender value set (http://hl7.org/fhir/administrative-gender).</summary>
public enum AdministrativeSex
{
    Unknown,
    Female,
    Male,
    Other,
}
