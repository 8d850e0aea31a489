using Tactus.Web.Features.Practitioners;

namespace Tactus.Tests.Features.Practitioners;

public sealed class CredentialRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 27);

    private static Practitioner With(LicenceStatus status, DateOnly expires, params (string Code, DateOnly? Expires)[] certifications)
    {
        var practitioner = new Practitioner { Discipline = Disciplines.MassageTherapist };
        practitioner.Licences.Add(new Licence { State = "OR", Number = "LMT1", Status = status, ExpiresOn = expires });
        practitioner.Certifications.AddRange(certifications.Select(c => new Certification { Code = c.Code, ExpiresOn = c.Expires }));
        return practitioner;
    }

    [Theory]
    [InlineData(LicenceStatus.Active, 0, true)]
    [InlineData(LicenceStatus.Active, 200, true)]
    [InlineData(LicenceStatus.Active, -1, false)]
    [InlineData(LicenceStatus.Suspended, 200, false)]
    [InlineData(LicenceStatus.Inactive, 200, false)]
    [InlineData(LicenceStatus.Revoked, 200, false)]
    public void IsLicensedOn_NeedsAnActiveUnexpiredLicence(LicenceStatus status, int daysToExpiry, bool licensed)
    {
        var practitioner = With(status, Today.AddDays(daysToExpiry));

        Assert.Equal(licensed, CredentialRules.IsLicensedOn(practitioner, Today));
        Assert.Equal(licensed, CredentialRules.LicenceProblem(practitioner, Today) is null);
    }

    [Fact]
    public void LicenceProblem_SaysWhatIsWrong()
    {
        Assert.Equal("holds a licence that expired on 2026-11-26", CredentialRules.LicenceProblem(With(LicenceStatus.Active, Today.AddDays(-1)), Today));
        Assert.Equal("holds a licence that is suspended", CredentialRules.LicenceProblem(With(LicenceStatus.Suspended, Today.AddYears(1)), Today));
        Assert.Equal("has no practitioner record with a licence", CredentialRules.LicenceProblem(null, Today));
    }

    [Fact]
    public void HoldsCertificationOn_RespectsExpiry()
    {
        var practitioner = With(LicenceStatus.Active, Today.AddYears(1), ("manual-lymphatic-drainage", Today.AddDays(-1)), ("oncology-massage", null));

        Assert.False(CredentialRules.HoldsCertificationOn(practitioner, "manual-lymphatic-drainage", Today));
        Assert.True(CredentialRules.HoldsCertificationOn(practitioner, "oncology-massage", Today));
        Assert.False(CredentialRules.HoldsCertificationOn(practitioner, "craniosacral", Today));
    }

    /// <summary>CMS "Requirements for Check Digit Calculation for the NPI": 1234567893 is its worked example.</summary>
    [Theory]
    [InlineData("1234567893", true)]
    [InlineData("1234567890", false)]
    [InlineData("123456789", false)]
    [InlineData("12345678931", false)]
    [InlineData("12345A7893", false)]
    [InlineData(null, false)]
    public void IsValidNpi_ChecksTheLuhnDigitWithThe80840Prefix(string? npi, bool valid)
    {
        Assert.Equal(valid, CredentialRules.IsValidNpi(npi));
    }
}
