using System.Security.Cryptography;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Account;

/// <summary>
/// Time-based one-time passwords as RFC 6238 defines them (HMAC-SHA1, 30-second steps,
/// dynamic truncation from RFC 4226 §5.3), pure so it can be checked against the RFC's vectors.
/// </summary>
[PureEngine]
public static class Totp
{
    public const int StepSeconds = 30;

    public static long TimeStepAt(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(ReadOnlySpan<byte> key, long timeStep, int digits = 6)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(key, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = ((hash[offset] & 0x7f) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        var modulus = (int)Math.Pow(10, digits);
        return (binary % modulus).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(digits, '0');
    }

    /// <summary>
    /// The time step a code belongs to, looking one step either side of now for clock drift (SR-09
    /// allows ±1 step only), or null when it matches none.
    /// </summary>
    public static long? MatchingTimeStep(ReadOnlySpan<byte> key, string code, DateTimeOffset now)
    {
        var current = TimeStepAt(now);
        for (var step = current - 1; step <= current + 1; step++)
        {
            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Code(key, step)), System.Text.Encoding.ASCII.GetBytes(code)))
            {
                return step;
            }
        }

        return null;
    }
}
