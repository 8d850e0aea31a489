using Tactus.Web.Web;

namespace Tactus.Web.Features.Practitioners;

/// <summary>
/// The credential gates of issue 03, pure: an unlicensed therapist cannot be assigned or sign, and a
/// technique that needs a certification is recorded only by a therapist who holds it, on that day.
/// </summary>
[PureEngine]
public static class CredentialRules
{
    public static bool IsLicensedOn(Practitioner? practitioner, DateOnly day) =>
        practitioner is not null && practitioner.Licences.Any(l => l.Status == LicenceStatus.Active && l.ExpiresOn >= day);

    public static bool HoldsCertificationOn(Practitioner? practitioner, string certification, DateOnly day) =>
        practitioner is not null
        && practitioner.Certifications.Any(c => c.Code == certification && (c.ExpiresOn is null || c.ExpiresOn >= day));

    public static string? LicenceProblem(Practitioner? practitioner, DateOnly day)
    {
        if (practitioner is null)
        {
            return "has no practitioner record with a licence";
        }

        if (practitioner.Licences.Count == 0)
        {
            return "has no licence on record";
        }

        if (IsLicensedOn(practitioner, day))
        {
            return null;
        }

        var latest = practitioner.Licences.OrderByDescending(l => l.ExpiresOn).First();
        return latest.Status != LicenceStatus.Active
            ? $"holds a licence that is {latest.Status.ToString().ToLowerInvariant()}"
            : $"holds a licence that expired on {latest.ExpiresOn:yyyy-MM-dd}";
    }

    /// <summary>
    /// The National Provider Identifier check digit: Luhn over the first nine digits prefixed by the
    /// card-issuer prefix 80840, which adds a constant 24 to the sum (CMS, "Requirements for
    /// Check Digit Calculation for the NPI").
    /// </summary>
    public static bool IsValidNpi(string? npi)
    {
        if (npi is null || npi.Length != 10 || !npi.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 24;
        for (var i = 8; i >= 0; i--)
        {
            var digit = npi[i] - '0';
            if ((8 - i) % 2 == 0)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (10 - (sum % 10)) % 10 == npi[9] - '0';
    }
}
