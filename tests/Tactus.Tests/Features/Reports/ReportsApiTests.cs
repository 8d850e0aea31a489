using System.Net;
using System.Text.Json;
using DiagnosticReport = Hl7.Fhir.Model.DiagnosticReport;
using ModelInfo = Hl7.Fhir.Model.ModelInfo;
using Observation = Hl7.Fhir.Model.Observation;
using OperationOutcome = Hl7.Fhir.Model.OperationOutcome;
using Quantity = Hl7.Fhir.Model.Quantity;
using Hl7.Fhir.Serialization;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Reports;
using Tactus.Web.Features.Sessions;
using UglyToad.PdfPig;

namespace Tactus.Tests.Features.Reports;

/// <summary>
/// Issue 04 §3 and §6 end to end over HTTP: the plan's schedule makes questionnaires due at check-in, the
/// report is drafted by the schedule, sent, read as a page, a PDF (text read back with PdfPig) and FHIR
/// (parsed with the Firely SDK), acknowledged by the clinician; the discharge summary closes the referral.
/// </summary>
public abstract class ReportsApiTests(TactusApp app)
{
    private sealed record Loop(HttpClient Clinician, HttpClient Therapist, Guid PatientId, Guid ReferralId);

    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector);

    private async Task<Loop> TreatingAsync()
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body(
            """{"confirmNotDuplicate":true,"givenName":"Mara","familyName":"Quill","birthDate":"1971-05-12","sex":"Female"}"""))).ReadAsync<PatientDto>();
        var referral = await (await clinician.PostAsync("/api/referrals", Json.Body(
            $$"""{"patientId":"{{patient!.Id}}","diagnoses":["M54.50"],"reason":"Chronic low back pain","visitsRequested":4}"""))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);
        await manager.PostAsync($"/api/referrals/{referral!.Id}/accept", null);
        await manager.PostAsync($"/api/referrals/{referral.Id}/assign", Json.Body($$"""{"therapistId":"{{await app.UserIdAsync("therapist2@riverside.example")}}"}"""));
        var therapist = app.CreateBrowserlessClient();
        await therapist.PostLoginAsync("therapist2@riverside.example", DemoClinic.Password);
        var intake = await therapist.PostAsync($"/api/patients/{patient.Id}/intake", Json.Body(
            """{"answers":{},"medications":[],"preferences":{"pauseWord":"amber"},"consentToTreatment":true,"consentGivenBy":"patient"}"""));
        Assert.True(intake.IsSuccessStatusCode, await intake.Content.ReadAsStringAsync());
        var plan = await (await therapist.PostAsync($"/api/referrals/{referral.Id}/plans", Json.Body("""
            {"goals":[{"description":"Pain at rest","instrument":"NPRS","target":"≤ 4"}],"sessionsPerWeek":1,"weeks":4,"techniques":["swedish"],
             "measures":[{"instrument":"NPRS","atBaseline":true,"everyVisits":1,"atDischarge":true},{"instrument":"PHQ-9","atBaseline":true,"everyVisits":0,"atDischarge":true}],
             "reportEveryVisits":2,"reportEveryDays":0}
            """))).ReadJsonAsync();
        Assert.True(plan.TryGetProperty("id", out _), plan.ToString());
        var planId = plan.GetProperty("id").GetGuid();
        await therapist.PostAsync($"/api/plans/{planId}/sign", null);
        await clinician.PostAsync($"/api/plans/{planId}/certify", null);
        return new Loop(clinician, therapist, patient.Id, referral.Id);
    }

    private async Task<Guid> VisitAsync(Loop loop, params (string Instrument, string Answers)[] measures)
    {
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        // Several visits in one test day: each is started on purpose (check-in is otherwise idempotent per day).
        var checkedIn = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/sessions", Json.Body("""{"painBefore":6,"stressBefore":4,"anotherVisit":true}"""));
        Assert.True(checkedIn.StatusCode == HttpStatusCode.Created, await checkedIn.Content.ReadAsStringAsync());
        var session = await checkedIn.ReadAsync<SessionsApi.SessionDto>();
        foreach (var (instrument, answers) in measures)
        {
            app.Clock.Advance(TimeSpan.FromSeconds(5));
            var recorded = await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/measures", Json.Body("{\"instrument\":\"" + instrument + "\",\"answers\":{" + answers + "}}"));
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        }

        await loop.Therapist.PutAsync($"/api/sessions/{session!.Id}/note", Json.Body("""
            {"techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],"painAfter":3,"stressAfter":2,
             "adverseEvents":[{"kind":"soreness","severity":"Mild","note":"next day"}]}
            """));
        app.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, (await loop.Therapist.PostAsync($"/api/sessions/{session.Id}/sign", null)).StatusCode);
        return session.Id;
    }

    private const string Phq9Twelve = "\"q1\":2,\"q2\":2,\"q3\":2,\"q4\":2,\"q5\":2,\"q6\":1,\"q7\":1,\"q8\":0,\"q9\":0";

    [Fact]
    public async Task ScheduledProgressReport_IsSentReadAsPagePdfAndFhir_AndAcknowledged()
    {
        var loop = await TreatingAsync();

        // Visit 1: the schedule makes NPRS and PHQ-9 due at check-in (baseline).
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var checkIn = await (await loop.Therapist.GetAsync($"/Sessions/CheckIn/{loop.ReferralId}")).Content.ReadAsStringAsync();
        Assert.Contains("Give NPRS</a> <span class=\"muted\">(baseline)", checkIn, StringComparison.Ordinal);
        Assert.Contains("Give PHQ-9</a> <span class=\"muted\">(baseline)", checkIn, StringComparison.Ordinal);
        await VisitAsync(loop, ("NPRS", "\"pain\":7"), ("PHQ-9", Phq9Twelve));
        Assert.Empty(await app.WithDbAsync(db => Task.FromResult(db.OutcomeReports.Where(r => r.ReferralId == loop.ReferralId).ToList())));

        // Visit 2: only NPRS is due; signing it makes the second visit since the plan, so a report is drafted.
        var secondCheckIn = await (await loop.Therapist.GetAsync($"/Sessions/CheckIn/{loop.ReferralId}")).Content.ReadAsStringAsync();
        Assert.Contains("Give NPRS</a> <span class=\"muted\">(every 1 visits)", secondCheckIn, StringComparison.Ordinal);
        Assert.DoesNotContain("Give PHQ-9</a>", secondCheckIn, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"trend-NPRS\"", secondCheckIn, StringComparison.Ordinal);
        await VisitAsync(loop, ("NPRS", "\"pain\":4"));
        var draft = await app.WithDbAsync(db => Task.FromResult(db.OutcomeReports.Single(r => r.ReferralId == loop.ReferralId)));
        Assert.True(draft.DraftedBySchedule);
        Assert.Contains("Progress report for Mara Quill", await (await loop.Therapist.GetAsync("/Inbox")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The draft is already served as a preliminary DiagnosticReport that validates against base R4 (no empty conclusion).
        var draftFhir = JsonSerializer.Deserialize<DiagnosticReport>(await (await loop.Clinician.GetAsync($"/fhir/DiagnosticReport/{draft.Id}")).Content.ReadAsStringAsync(), Fhir)!;
        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Preliminary, draftFhir.Status);
        Assert.Empty(FhirValidation.Errors(draftFhir));

        // Sending needs the therapist's words; a refused send changes nothing.
        var incomplete = await loop.Therapist.PostAsync($"/api/reports/{draft.Id}", Json.Body("""{"assessment":"Improving","recommendation":"","send":true}"""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, incomplete.StatusCode);
        var sent = await (await loop.Therapist.PostAsync($"/api/reports/{draft.Id}", Json.Body(
            """{"assessment":"Pain at rest down from 7 to 4 over two visits; tolerating pressure 2.","recommendation":"Continue weekly for two more visits.","send":true}"""))).ReadAsync<ReportsApi.ReportDto>();
        Assert.Equal(ReportStatus.Sent, sent!.Status);
        var nprs = Assert.Single(sent.Content.Outcomes, o => o.Instrument == "NPRS");
        Assert.Equal((7m, 4m, -3m, true), (nprs.Baseline!.Value, nprs.Latest!.Value, nprs.Change!.Value, nprs.ReachedMcid!.Value));
        Assert.StartsWith("improved by at least the MCID", nprs.McidText, StringComparison.Ordinal);
        Assert.Equal(GoalProgress.Met, Assert.Single(sent.Content.Goals).Status);
        Assert.Equal(2, sent.Content.SessionsGiven);
        Assert.Equal(2, sent.Content.AdverseEvents.Count);

        // The clinician finds it in the inbox and reads it as a page.
        var inbox = await (await loop.Clinician.GetAsync("/Inbox")).Content.ReadAsStringAsync();
        Assert.Contains($"<a href=\"/Reports/Details/{draft.Id}\">Progress report for Mara Quill</a>", inbox, StringComparison.Ordinal);
        Assert.Matches(@"Inbox \([1-9]\d*\)", inbox);
        var page = System.Net.WebUtility.HtmlDecode(await (await loop.Clinician.GetAsync($"/Reports/Details/{draft.Id}")).Content.ReadAsStringAsync());
        Assert.Contains("<td>NPRS (Numeric Pain Rating Scale)</td><td>7</td><td>4</td><td>moderate</td><td>-3</td>",
            System.Text.RegularExpressions.Regex.Replace(page, @">\s+<", "><"), StringComparison.Ordinal);
        Assert.Contains("Continue weekly for two more visits.", page, StringComparison.Ordinal);
        Assert.Contains("NPRS bands: 1-3 mild, 4-6 moderate, 7-10 severe (Widely used clinical convention", page, StringComparison.Ordinal);
        Assert.Equal("1-3 mild, 4-6 moderate, 7-10 severe", nprs.BandConvention);

        // The PDF opens and its text carries the scores.
        var pdfResponse = await loop.Clinician.GetAsync($"/Reports/Details/{draft.Id}?handler=Pdf");
        Assert.Equal("application/pdf", pdfResponse.Content.Headers.ContentType!.MediaType);
        using (var pdf = PdfDocument.Open(await pdfResponse.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Progress report", text, StringComparison.Ordinal);
            Assert.Contains("Mara Quill", text, StringComparison.Ordinal);
            Assert.Contains("NPRS (Numeric Pain 7 4 moderate -3 improved by at least the MCID", text, StringComparison.Ordinal);
            Assert.Contains("PHQ-9", text, StringComparison.Ordinal);
            Assert.Contains("Continue weekly for two more visits.", text, StringComparison.Ordinal);
            Assert.Contains("NPRS bands: 1-3 mild, 4-6 moderate, 7-10 severe", text, StringComparison.Ordinal);
        }

        // The FHIR DiagnosticReport parses with the Firely SDK and carries the LOINC codes and values.
        var fhirResponse = await loop.Clinician.GetAsync($"/fhir/DiagnosticReport/{draft.Id}");
        Assert.Equal("application/fhir+json", fhirResponse.Content.Headers.ContentType!.MediaType);
        var report = JsonSerializer.Deserialize<DiagnosticReport>(await fhirResponse.Content.ReadAsStringAsync(), Fhir)!;
        var observations = report.Contained.OfType<Observation>().ToList();
        Assert.Equal(DiagnosticReport.DiagnosticReportStatus.Final, report.Status);
        Assert.Empty(FhirValidation.Errors(report));
        Assert.Equal(observations.Count, report.Result.Count);
        var pain = observations.Where(o => o.Code.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "72514-3")).ToList();
        Assert.Equal([7m, 4m], pain.Select(o => Assert.IsType<Quantity>(o.Value).Value!.Value));
        var depression = Assert.Single(observations, o => o.Code.Coding.Any(c => c.System == "http://loinc.org" && c.Code == "44261-6"));
        Assert.Equal(12m, Assert.IsType<Quantity>(depression.Value).Value);
        Assert.Equal("moderate", depression.Interpretation[0].Text);

        // The clinician acknowledges; once only.
        var acknowledged = await (await loop.Clinician.PostAsync($"/api/reports/{draft.Id}/acknowledge", Json.Body("""{"note":"Agree, continue."}"""))).ReadAsync<ReportsApi.ReportDto>();
        var again = await loop.Clinician.PostAsync($"/api/reports/{draft.Id}/acknowledge", Json.Body("""{"note":null}"""));
        Assert.Equal(ReportStatus.Acknowledged, acknowledged!.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.DoesNotContain($"/Reports/Details/{draft.Id}", await (await loop.Clinician.GetAsync("/Inbox")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DischargeSummary_ClosesTheReferral_AndAnotherOrganisationCannotReadIt()
    {
        var loop = await TreatingAsync();
        await VisitAsync(loop, ("NPRS", "\"pain\":6"));

        var draft = await (await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/reports", Json.Body("""{"kind":"Discharge"}"""))).ReadAsync<ReportsApi.ReportDto>();
        var byClinician = await loop.Clinician.PostAsync($"/api/referrals/{loop.ReferralId}/reports", Json.Body("""{"kind":"Progress"}"""));
        var sent = await (await loop.Therapist.PostAsync($"/api/reports/{draft!.Id}", Json.Body(
            """{"assessment":"Goals partly met.","recommendation":"Home stretching programme.","send":true}"""))).ReadAsync<ReportsApi.ReportDto>();
        var referral = await (await loop.Clinician.GetAsync($"/api/referrals/{loop.ReferralId}")).ReadAsync<ReferralDto>();
        var afterClose = await loop.Therapist.PostAsync($"/api/referrals/{loop.ReferralId}/reports", Json.Body("""{"kind":"Progress"}"""));

        Assert.Equal(HttpStatusCode.Forbidden, byClinician.StatusCode);
        Assert.Equal((ReportKind.Discharge, ReportStatus.Sent), (sent!.Kind, sent.Status));
        Assert.Equal(ReferralStatus.Discharged, referral!.Status);
        Assert.Equal(HttpStatusCode.Conflict, afterClose.StatusCode);

        var outsider = await app.AsAsync(Roles.Clinician, TactusApp.OtherEmailDomain);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/reports/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Reports/Details/{draft.Id}")).StatusCode);
        var fhir = await outsider.GetAsync($"/fhir/DiagnosticReport/{draft.Id}");
        Assert.Equal(HttpStatusCode.NotFound, fhir.StatusCode);
        var outcome = JsonSerializer.Deserialize<OperationOutcome>(await fhir.Content.ReadAsStringAsync(), Fhir)!;
        Assert.Equal(OperationOutcome.IssueType.NotFound, outcome.Issue[0].Code);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync("/fhir/DiagnosticReport/not-a-guid")).StatusCode);
    }
}

public sealed class ReportsApiSqliteTests(SqliteApp app) : ReportsApiTests(app), IClassFixture<SqliteApp>;

public sealed class ReportsApiPostgreSqlTests(PostgreSqlApp app) : ReportsApiTests(app), IClassFixture<PostgreSqlApp>;
