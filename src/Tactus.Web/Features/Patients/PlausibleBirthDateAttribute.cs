using System.ComponentModel.DataAnnotations;

namespace Tactus.Web.Features.Patients;

/// <summary>A birth date that is not in the future and not beyond the oldest plausible age.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PlausibleBirthDateAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (value is not DateOnly birthDate)
        {
            return ValidationResult.Success;
        }

        var time = validationContext.GetService(typeof(TimeProvider)) as TimeProvider ?? TimeProvider.System;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var members = validationContext.MemberName is { } name ? new[] { name } : null;
        if (birthDate > today)
        {
            return new ValidationResult("The date of birth cannot be in the future.", members);
        }

        return birthDate < today.AddYears(-PatientLimits.OldestAgeYears)
            ? new ValidationResult($"The date of birth is more than {PatientLimits.OldestAgeYears} years ago; check the year.", members)
            : ValidationResult.Success;
    }
}
