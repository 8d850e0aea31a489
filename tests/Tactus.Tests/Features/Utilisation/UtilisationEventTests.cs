using System.Net;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Utilisation;

namespace Tactus.Tests.Features.Utilisation;

/// <summary>Health-care use entered by the clinical staff who see the patient, and the price list only the manager sets (issue 14 §2).</summary>
public abstract class UtilisationEventTests(TactusApp app)
{
    private string Day(int daysAgo) => app.ClinicDay(daysAgo);

    [Fact]
    public async Task UseIsRecorded_Audited_AndListed_BadUseChangesNothing()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Rune", familyName: "Castellane");
        var api = $"/api/patients/{loop.PatientId}/utilisation";

        var imaging = await loop.Therapist.PostAsync(api, Json.Body($$"""{"kind":"Imaging","occurredOn":"{{Day(20)}}"}"""));
        var injection = await loop.Therapist.PostAsync(api, Json.Body($$"""{"kind":"Injection","occurredOn":"{{Day(5)}}","cost":250}"""));
        var future = await loop.Therapist.PostAsync(api, Json.Body($$"""{"kind":"Surgery","occurredOn":"{{Day(-2)}}"}"""));
        var unknownKind = await loop.Therapist.PostAsync(api, Json.Body($$"""{"kind":"Acupuncture","occurredOn":"{{Day(2)}}"}"""));
        var negative = await loop.Therapist.PostAsync(api, Json.Body($$"""{"kind":"Surgery","occurredOn":"{{Day(2)}}","cost":-1}"""));
        var listed = await (await loop.Therapist.GetAsync(api)).ReadJsonAsync();
        var imagingId = (await imaging.ReadJsonAsync()).GetProperty("id").GetGuid().ToString();
        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(UtilisationEvent) && a.EntityId == imagingId && a.Action == AuditActions.Create));

        Assert.Equal(HttpStatusCode.Created, imaging.StatusCode);
        Assert.Equal(HttpStatusCode.Created, injection.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, future.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(2, listed.GetArrayLength());
        Assert.Equal("Injection", listed[0].GetProperty("kind").GetString());
        Assert.Equal(250m, listed[0].GetProperty("cost").GetDecimal());
        Assert.Equal(1, audited);
    }

    [Fact]
    public async Task ThePriceList_IsSetByTheManagerOnly_AllOrNothing()
    {
        var manager = await app.AsAsync(Roles.Manager);
        var therapist = await app.AsAsync(Roles.Therapist);

        var set = await manager.PutAsync("/api/utilisation/prices", Json.Body("""{"prices":[{"kind":"Imaging","amount":310},{"kind":"EmergencyVisit","amount":1200}]}"""));
        var half = await manager.PutAsync("/api/utilisation/prices", Json.Body("""{"prices":[{"kind":"Surgery","amount":9000},{"kind":"Imaging","amount":-4}]}"""));
        var byTherapist = await therapist.PutAsync("/api/utilisation/prices", Json.Body("""{"prices":[{"kind":"Imaging","amount":1}]}"""));
        var prices = await (await manager.GetAsync("/api/utilisation/prices")).ReadJsonAsync();
        decimal Price(string kind) => prices.EnumerateArray().Single(p => p.GetProperty("kind").GetString() == kind).GetProperty("amount").GetDecimal();

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, half.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byTherapist.StatusCode);
        Assert.Equal(310m, Price("Imaging"));
        Assert.Equal(1200m, Price("EmergencyVisit"));
        Assert.Equal(0m, Price("Surgery"));
    }

    [Fact]
    public async Task AnotherOrganisation_GetsNotFound()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Sable", familyName: "Okonkwo");
        var other = await app.AsAsync(Roles.Clinician, TactusApp.OtherEmailDomain);

        var read = await other.GetAsync($"/api/patients/{loop.PatientId}/utilisation");
        var write = await other.PostAsync($"/api/patients/{loop.PatientId}/utilisation", Json.Body($$"""{"kind":"Imaging","occurredOn":"{{Day(2)}}"}"""));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, write.StatusCode);
    }
}

public sealed class UtilisationEventSqliteTests(SqliteApp app) : UtilisationEventTests(app), IClassFixture<SqliteApp>;

public sealed class UtilisationEventPostgreSqlTests(PostgreSqlApp app) : UtilisationEventTests(app), IClassFixture<PostgreSqlApp>;
