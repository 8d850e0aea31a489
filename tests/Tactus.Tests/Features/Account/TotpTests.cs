using System.Text;
using Tactus.Web.Features.Account;

namespace Tactus.Tests.Features.Account;

public sealed class TotpTests
{
    private static readonly byte[] RfcKey = Encoding.ASCII.GetBytes("12345678901234567890");

    /// <summary>RFC 6238 Appendix B test vectors for HMAC-SHA1 (8 digits).</summary>
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Code_Rfc6238Vectors_AreReproduced(long unixSeconds, string expected)
    {
        var code = Totp.Code(RfcKey, Totp.TimeStepAt(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)), digits: 8);

        Assert.Equal(expected, code);
    }

    [Fact]
    public void Code_SixDigits_MatchAnIndependentImplementation()
    {
        var key = OtpNet.KeyGeneration.GenerateRandomKey(20);
        var now = new DateTimeOffset(2026, 11, 27, 10, 15, 0, TimeSpan.Zero);

        var ours = Totp.Code(key, Totp.TimeStepAt(now));

        Assert.Equal(new OtpNet.Totp(key).ComputeTotp(now.UtcDateTime), ours);
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(-60, false)]
    [InlineData(60, false)]
    public void MatchingTimeStep_AcceptsOnlyOneStepOfDrift(int codeOffsetSeconds, bool accepted)
    {
        var now = new DateTimeOffset(2026, 11, 27, 10, 15, 10, TimeSpan.Zero);
        var code = Totp.Code(RfcKey, Totp.TimeStepAt(now.AddSeconds(codeOffsetSeconds)));

        var step = Totp.MatchingTimeStep(RfcKey, code, now);

        Assert.Equal(accepted, step is not null);
    }

    [Fact]
    public void Base32_DecodesWhatAuthenticatorAppsAreGiven()
    {
        var encoded = OtpNet.Base32Encoding.ToString(RfcKey);

        Assert.Equal(RfcKey, Base32.Decode(encoded.ToLowerInvariant()));
        Assert.Throws<FormatException>(() => Base32.Decode("not base32!"));
    }
}
