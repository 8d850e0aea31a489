using System.ComponentModel.DataAnnotations;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Features.Patients;

public sealed class PatientInputValidationTests
{
    private static PatientInput Valid() => new()
    {
        GivenName = "Ana", FamilyName = "Lopez", BirthDate = new DateOnly(1980, 2, 3), Sex = AdministrativeSex.Female,
        Email = "ana@example.org", Phone = "(503) 555-0100", State = "OR", PostalCode = "97201",
    };

    private static List<ValidationResult> Validate(PatientInput input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Validate_CompleteInput_HasNoErrors()
    {
        Assert.Empty(Validate(Valid()));
    }

    [Fact]
    public void Validate_FutureBirthDate_IsRefusedOnThatField()
    {
        var input = Valid();
        input.BirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1);

        var error = Assert.Single(Validate(input));

        Assert.Equal(nameof(PatientInput.BirthDate), Assert.Single(error.MemberNames));
        Assert.Contains("future", error.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BirthDateBeyondOldestAge_IsRefused()
    {
        var input = Valid();
        input.BirthDate = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-PatientLimits.OldestAgeYears - 1);

        Assert.Contains(Validate(input), e => e.MemberNames.Contains(nameof(PatientInput.BirthDate)));
    }

    [Theory]
    [InlineData(nameof(PatientInput.State), "Oregon")]
    [InlineData(nameof(PatientInput.PostalCode), "9720")]
    [InlineData(nameof(PatientInput.PostalCode), "97201-12")]
    [InlineData(nameof(PatientInput.Email), "not-an-email")]
    public void Validate_MalformedField_IsReportedOnThatField(string field, string value)
    {
        var input = Valid();
        typeof(PatientInput).GetProperty(field)!.SetValue(input, value);

        var error = Assert.Single(Validate(input));

        Assert.Equal(field, Assert.Single(error.MemberNames));
    }

    [Fact]
    public void Validate_MissingNamesAndBirthDate_ReportsEachOne()
    {
        var errors = Validate(new PatientInput());

        Assert.Equal(
            [nameof(PatientInput.BirthDate), nameof(PatientInput.FamilyName), nameof(PatientInput.GivenName)],
            errors.SelectMany(e => e.MemberNames).Order().ToArray());
    }

    [Fact]
    public void AgeOn_CountsBirthdaysExactly()
    {
        var patient = new Patient { Mrn = "X", GivenName = "A", FamilyName = "B", BirthDate = new DateOnly(1990, 6, 15) };

        Assert.Equal(35, patient.AgeOn(new DateOnly(2026, 6, 14)));
        Assert.Equal(36, patient.AgeOn(new DateOnly(2026, 6, 15)));
    }
}
