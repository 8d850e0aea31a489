using System.Net;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Billing;
using UglyToad.PdfPig;

namespace Tactus.Tests.Features.Billing;

/// <summary>
/// Self-pay visits stay out of the insurance coding queue and are charged to the patient at the fee schedule; the
/// patient's statement (page, API and PDF) lists charges and payments with the balance; payments are recorded against it.
/// </summary>
public abstract class StatementTests(TactusApp app)
{
    [Fact]
    public async Task SelfPayVisit_IsChargedToThePatient_NotQueuedForInsurance_AndAPaymentReducesTheBalance()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Cora", familyName: "Whitlock");
        await loop.RecordIntakeAsync("{}");
        var visit = await (await loop.CheckInAsync("""{"painBefore":5,"stressBefore":3,"changes":{}}""")).ReadJsonAsync();
        var id = visit.GetProperty("id").GetGuid();
        await loop.Therapist.PutAsync($"/api/sessions/{id}/note", Json.Body("""
            {"techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],"painAfter":3,"stressAfter":2}
            """));
        Assert.Equal(HttpStatusCode.OK, (await loop.Therapist.PostAsync($"/api/sessions/{id}/sign", null)).StatusCode);
        var biller = await app.AsAsync(Roles.Biller);

        var coding = await app.WithDbAsync(db => Task.FromResult(db.VisitCodings.Single(v => v.SessionId == id)));
        var overview = await (await biller.GetAsync("/api/billing/overview")).ReadJsonAsync();
        var statement = await (await biller.GetAsync($"/api/patients/{loop.PatientId}/statement")).ReadJsonAsync();
        var refused = await biller.PostAsync($"/api/patients/{loop.PatientId}/payments", Json.Body("""{"amount":0,"receivedOn":"2026-01-05","method":"card"}"""));
        var paid = await biller.PostAsync($"/api/patients/{loop.PatientId}/payments", Json.Body($$"""{"amount":20,"receivedOn":"{{DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime):yyyy-MM-dd}}","method":"card","reference":"VISA 4242"}"""));
        var after = await (await biller.GetAsync($"/api/patients/{loop.PatientId}/statement")).ReadJsonAsync();
        var page = await biller.GetStringAsync($"/Billing/Statement/{loop.PatientId}");
        var pdf = await biller.GetAsync($"/Billing/Statement/{loop.PatientId}?handler=Pdf");
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var pdfText = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

        Assert.Equal(VisitCodingStatus.SelfPay, coding.Status);
        Assert.DoesNotContain(overview.GetProperty("toReview").GetProperty("rows").EnumerateArray(), v => v.GetProperty("id").GetGuid() == coding.Id);
        Assert.Equal(coding.TotalCharge, statement.GetProperty("balance").GetDecimal());
        Assert.True(coding.TotalCharge > 20m);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Created, paid.StatusCode);
        Assert.Equal(coding.TotalCharge - 20m, after.GetProperty("balance").GetDecimal());
        Assert.Contains("VISA 4242", page, StringComparison.Ordinal);
        Assert.Contains(overview.GetProperty("owing").GetProperty("rows").EnumerateArray().Select(o => o.GetProperty("patientId").GetGuid()), p => p == loop.PatientId);
        Assert.Contains("Patient statement", pdfText, StringComparison.Ordinal);
        Assert.Contains((coding.TotalCharge - 20m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) + " is due", pdfText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Statements_AreForBillingStaff_AndAnotherOrganisationsPatientIsNotFound()
    {
        var loop = await app.ReferAndAssignAsync(givenName: "Bea", familyName: "Marlowe");
        var therapist = await app.AsAsync(Roles.Therapist);
        var foreign = await app.AsAsync(Roles.Biller, TactusApp.OtherEmailDomain);

        Assert.Equal(HttpStatusCode.Forbidden, (await therapist.GetAsync($"/api/patients/{loop.PatientId}/statement")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/api/patients/{loop.PatientId}/statement")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.PostAsync($"/api/patients/{loop.PatientId}/payments",
            Json.Body("""{"amount":5,"receivedOn":"2026-01-05","method":"card"}"""))).StatusCode);
    }
}

public sealed class StatementSqliteTests(SqliteApp app) : StatementTests(app), IClassFixture<SqliteApp>;

public sealed class StatementPostgreSqlTests(PostgreSqlApp app) : StatementTests(app), IClassFixture<PostgreSqlApp>;
