using Microsoft.AspNetCore.DataProtection;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// SMART EHR launch (App Launch 2.0 §2.0.4): a person viewing a patient in Tactus opens an app; Tactus sends the browser
/// to the app's launch URL with <c>iss</c> (the FHIR base) and an opaque <c>launch</c>. The launch is a value protected
/// by Data Protection that names the person and the patient and lives five minutes: the authorisation that follows
/// takes its patient from it, and only for the person who launched it. No table, and any instance reads it.
/// </summary>
public sealed class SmartLaunch(IDataProtectionProvider protection)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private ITimeLimitedDataProtector Protector => protection.CreateProtector("Tactus.Smart.EhrLaunch").ToTimeLimitedDataProtector();

    public string Issue(Guid userId, Guid patientId) => Protector.Protect($"{userId:N}.{patientId:N}", Lifetime);

    /// <summary>The launch's patient, when the launch is intact, unexpired and the person's own; otherwise null.</summary>
    public Guid? PatientFor(string launch, Guid userId)
    {
        try
        {
            var parts = Protector.Unprotect(launch).Split('.');
            return parts.Length == 2 && Guid.TryParse(parts[0], out var user) && user == userId && Guid.TryParse(parts[1], out var patient) ? patient : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null; // altered, expired or from another key ring
        }
    }
}
