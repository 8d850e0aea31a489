using System.Globalization;

namespace Tactus.Tests.Infrastructure;

/// <summary>
/// A day as the demo clinic counts it (its zone is Los Angeles), as yyyy-MM-dd: forms and APIs check "not in the future"
/// against the clinic's day, which in the hours after 00:00 UTC is still the UTC day before.
/// </summary>
public static class ClinicDays
{
    public static string ClinicDay(this TactusApp app, int daysAgo) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles")).DateTime)
            .AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
