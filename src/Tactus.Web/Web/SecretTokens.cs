using System.Security.Cryptography;
using System.Text;

namespace Tactus.Web.Web;

/// <summary>
/// Tokens that are themselves the credential (a questionnaire link, a calendar feed's address): 256 random bits, URL-safe,
/// and stored only as their SHA-256, so a copy of the database opens nothing.
/// </summary>
public static class SecretTokens
{
    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
