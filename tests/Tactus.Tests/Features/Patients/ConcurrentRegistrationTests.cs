using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Features.Patients;

/// <summary>
/// Registrations at the same moment each get their own MRN: the number is taken in a statement of its own,
/// committed before the registration, so two desks never share one (and a failed registration only leaves a gap).
/// </summary>
public abstract class ConcurrentRegistrationTests(TactusApp app)
{
    [Fact]
    public async Task TwelveRegistrationsAtOnce_GetTwelveDifferentMrns()
    {
        var client = await app.AsAsync(Roles.Manager);

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => client.PostAsync("/api/patients", Json.Body(
            $$"""{"confirmNotDuplicate":true,"givenName":"Parallel{{i}}","familyName":"Desk","birthDate":"1970-01-{{i + 10}}"}"""))));
        var created = await Task.WhenAll(responses.Select(r => r.ReadAsync<PatientDto>()));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(12, created.Select(p => p!.Mrn).Distinct().Count());
    }
}

public sealed class ConcurrentRegistrationSqliteTests(SqliteApp app) : ConcurrentRegistrationTests(app), IClassFixture<SqliteApp>;

public sealed class ConcurrentRegistrationPostgreSqlTests(PostgreSqlApp app) : ConcurrentRegistrationTests(app), IClassFixture<PostgreSqlApp>;
