namespace Tactus.Web.Features.Patients;

/// <summary>Column sizes, shared by the schema and the input validation so they cannot disagree.</summary>
public static class PatientLimits
{
    public const int Mrn = 20;

    /// <summary>An EHR identifier's system or value, as a referral's order identifier (ReferralLimits).</summary>
    public const int ExternalIdentifier = 200;
    public const int Name = 100;
    public const int Phone = 20;
    public const int Email = 254;
    public const int AddressLine = 200;
    public const int City = 100;
    public const int OldestAgeYears = 130;
}
