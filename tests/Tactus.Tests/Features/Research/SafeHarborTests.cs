using Tactus.Web.Features.Research;

namespace Tactus.Tests.Features.Research;

/// <summary>The Safe Harbor generalisations against clinical.md §7 "Implementation rules for tests".</summary>
public sealed class SafeHarborTests
{
    private readonly SafeHarbor _safeHarbor = new();

    [Theory]
    [InlineData("97201", "972")]
    [InlineData("97201-1234", "972")]
    [InlineData("03601", "000")] // restricted three-digit area (67 FR 53233-53234)
    [InlineData("89301", "000")]
    [InlineData("10201", "000")]
    [InlineData("10001", "100")]
    [InlineData("9720", "")]
    [InlineData(null, "")]
    public void AZipCode_KeepsItsFirstThreeDigits_OrBecomes000ForARestrictedArea(string? zip, string expected) =>
        Assert.Equal(expected, _safeHarbor.Zip3(zip));

    [Fact]
    public void TheRestrictedList_IsThe17PrefixesOfThe2002Rule()
    {
        string[] restricted = ["036", "059", "063", "102", "203", "556", "692", "790", "821", "823", "830", "831", "878", "879", "884", "890", "893"];
        var found = Enumerable.Range(0, 1000).Select(i => i.ToString("000", System.Globalization.CultureInfo.InvariantCulture))
            .Where(prefix => _safeHarbor.Zip3(prefix + "01") == "000" && prefix != "000");

        Assert.Equal(restricted, found);
    }

    [Theory]
    [InlineData("1936-12-07", "2026-12-06", "89", "1936")]
    [InlineData("1936-12-06", "2026-12-06", "90+", "")] // 90 today: grouped, and the birth year suppressed
    [InlineData("1920-01-01", "2026-12-06", "90+", "")]
    [InlineData("1990-06-15", "2026-12-06", "36", "1990")]
    public void AnAgeOf90OrMore_Is90Plus_AndItsBirthYearIsSuppressed(string born, string on, string age, string birthYear)
    {
        var birthDate = DateOnly.Parse(born, System.Globalization.CultureInfo.InvariantCulture);
        var day = DateOnly.Parse(on, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(age, SafeHarbor.Age(birthDate, day));
        Assert.Equal(birthYear, SafeHarbor.BirthYear(birthDate, day));
    }

    [Fact]
    public void ADate_IsReducedToItsYear() => Assert.Equal("2026", SafeHarbor.Year(new DateOnly(2026, 3, 14)));
}
