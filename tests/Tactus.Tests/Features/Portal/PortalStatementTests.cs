using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Portal;

/// <summary>The patient's statement in the portal (issue 13 §4): the balance the clinic's own statement shows, and its PDF.</summary>
public abstract class PortalStatementTests(TactusApp app)
{
    [Fact]
    public async Task APatientsStatement_AgreesWithTheClinics_AndDownloadsAsPdf()
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", familyName: "Statement" + Guid.NewGuid().ToString("N")[..6]);
        var patientId = loop.PatientId;
        var biller = await app.AsAsync(Roles.Biller);
        var paid = await biller.PostAsync($"/api/patients/{patientId}/payments", Json.Body(
            $$"""{"amount":35.50,"receivedOn":"{{DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime):yyyy-MM-dd}}","method":"card","reference":"T-88"}"""));
        Assert.True(paid.IsSuccessStatusCode, await paid.Content.ReadAsStringAsync());
        var clinics = await (await biller.GetAsync($"/api/patients/{patientId}/statement")).ReadJsonAsync();
        var portal = await app.PortalAsync(patientId, $"statement-{Guid.NewGuid():N}@example.org", "Pebble-harvest-lantern-23");

        var page = await portal.GetStringAsync("/Portal/Statement");
        var pdf = await portal.GetAsync("/Portal/Statement?handler=Pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();

        Assert.Equal(-35.50m, clinics.GetProperty("balance").GetDecimal());
        Assert.Contains($"In credit: {-clinics.GetProperty("balance").GetDecimal():0.00}", page, StringComparison.Ordinal);
        Assert.Contains("payment 35.50", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
    }
}

public sealed class PortalStatementSqliteTests(SqliteApp app) : PortalStatementTests(app), IClassFixture<SqliteApp>;

public sealed class PortalStatementPostgreSqlTests(PostgreSqlApp app) : PortalStatementTests(app), IClassFixture<PostgreSqlApp>;
