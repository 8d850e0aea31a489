using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Task = System.Threading.Tasks.Task;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.BulkData;
using Tactus.Web.Features.Screening;

using static Tactus.Tests.Features.BulkData.BulkExportClient;

namespace Tactus.Tests.Features.BulkData;

/// <summary>
/// FHIR Bulk Data Access 2.0 export's protocol, as a backend service meets it: files only for the client that asked and
/// with its token, cancellation, expiry, what kick-off refuses with an OperationOutcome, and 429 while an export runs.
/// </summary>
public abstract class BulkExportProtocolTests(TactusApp app)
{
    [Fact]
    public async Task Files_AreTheAskingClientsOnly_AndNeedItsToken()
    {
        var backend = await app.RegisterBackendAsync([AllRead]);
        var client = await app.BackendClientAsync(backend, AllRead);
        var otherBackend = await app.RegisterBackendAsync([AllRead]);
        var otherClient = await app.BackendClientAsync(otherBackend, AllRead);
        var harbor = await app.BackendClientAsync(await app.RegisterBackendAsync([AllRead], TactusApp.OtherEmailDomain), AllRead);
        var kickOff = await client.SendAsync(KickOff("/fhir/Patient/$export?_type=Patient"));
        var status = kickOff.Content.Headers.ContentLocation!;
        var url = FileUrl(await ManifestAsync(client, status), "Patient");

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateBrowserlessClient().GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync(status)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await harbor.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.DeleteAsync(status)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Cancel_StopsTheExport_AndItsStatusIsGone()
    {
        var client = await app.BackendClientAsync(await app.RegisterBackendAsync([AllRead]), AllRead);
        var kickOff = await client.SendAsync(KickOff("/fhir/$export"));
        var status = kickOff.Content.Headers.ContentLocation!;
        var jobId = Guid.Parse(status.Segments[^1]);

        var cancelled = await client.DeleteAsync(status);
        var afterwards = await client.GetAsync(status);
        await System.Threading.Tasks.Task.Delay(500);
        var parts = await app.WithDbAsync(db => db.BulkExportParts.CountAsync(p => p.JobId == jobId));

        Assert.Equal(HttpStatusCode.Accepted, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterwards.StatusCode);
        Assert.Equal(0, parts);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DeleteAsync(status)).StatusCode);
    }

    [Fact]
    public async Task ExpiredFiles_AreGone()
    {
        var client = await app.BackendClientAsync(await app.RegisterBackendAsync([AllRead]), AllRead);
        var manifest = await ExportAsync(client, "/fhir/$export?_type=Organization");
        var url = FileUrl(manifest, "Organization");
        var before = await client.GetAsync(url);

        app.Clock.Advance(BulkExportWorker.FilesKeptFor + TimeSpan.FromMinutes(1));
        var fresh = await app.BackendClientAsync(await app.RegisterBackendAsync([AllRead]), AllRead);
        var after = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, after.StatusCode); // the token has expired too, or the file: never served
        Assert.Equal(HttpStatusCode.NotFound, (await fresh.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task KickOff_RefusesWhatItCannotDo_WithAnOperationOutcome()
    {
        var backend = await app.RegisterBackendAsync([AllRead, "system/Patient.rs"]);
        var client = await app.BackendClientAsync(backend, AllRead);
        var patientsOnly = await app.BackendClientAsync(backend, "system/Patient.rs");
        var manager = await app.AsAsync(Roles.Manager);

        var cases = new (HttpClient Client, HttpRequestMessage Request, HttpStatusCode Expected)[]
        {
            (manager, KickOff("/fhir/$export"), HttpStatusCode.Forbidden), // a person's session is not a backend service
            (client, KickOff("/fhir/$export", prefer: "return=minimal"), HttpStatusCode.BadRequest),
            (client, KickOff("/fhir/$export?_typeFilter=Patient%3Fgender%3Dfemale"), HttpStatusCode.BadRequest),
            (client, KickOff("/fhir/$export?_outputFormat=text/csv"), HttpStatusCode.BadRequest),
            (client, KickOff("/fhir/$export?_since=yesterday"), HttpStatusCode.BadRequest),
            (client, KickOff("/fhir/$export?_since=2026-01-01T00:00:00"), HttpStatusCode.BadRequest), // no time zone
            (client, KickOff("/fhir/Patient/$export?_type=Practitioner"), HttpStatusCode.BadRequest), // not in a patient's compartment
            (client, KickOff("/fhir/$export?_type=Patient&_type=Condition"), HttpStatusCode.BadRequest),
            (patientsOnly, KickOff("/fhir/$export?_type=Observation"), HttpStatusCode.Forbidden),
        };
        foreach (var (caller, request, expected) in cases)
        {
            var response = await caller.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{request.RequestUri}: {(int)response.StatusCode} {body}");
            Assert.Equal("OperationOutcome", JsonDocument.Parse(body).RootElement.GetProperty("resourceType").GetString());
        }

        foreach (var path in new[] { "/fhir/bulk-status/not-an-id", $"/fhir/bulk-status/{Guid.NewGuid()}", "/fhir/bulk-files/x/Patient.ndjson", $"/fhir/bulk-files/{Guid.NewGuid()}/..%2F..%2Fetc" })
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
        }

        var lenient = await client.SendAsync(KickOff("/fhir/$export?_type=Patient&_typeFilter=x", prefer: "respond-async, handling=lenient"));
        Assert.Equal(HttpStatusCode.Accepted, lenient.StatusCode);
        var patientsOnlyAll = await ManifestAsync(client, lenient.Content.Headers.ContentLocation!);
        Assert.Equal(["Patient"], patientsOnlyAll.GetProperty("output").EnumerateArray().Select(o => o.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task ASecondExport_WhileOneRuns_IsToldToWait()
    {
        var backend = await app.RegisterBackendAsync([AllRead]);
        var client = await app.BackendClientAsync(backend, AllRead);
        var account = await app.WithDbAsync(db => db.Users.Where(u => u.Email == backend.ClientId + "@apps.tactus.invalid").Select(u => new { u.Id, u.OrganizationId }).SingleAsync());
        await using (var scope = app.SystemScope())
        {
            // An export held by a worker (its lease far ahead), so this one stays running for the test's length.
            var db = scope.ServiceProvider.GetRequiredService<Tactus.Web.Data.TactusDbContext>();
            db.BulkExportJobs.Add(new BulkExportJob
            {
                OrganizationId = account.OrganizationId, AccountId = account.Id, AccountName = "running", Role = Roles.Manager, Level = BulkExportLevels.System,
                Types = ["Patient"], RequestUrl = "http://localhost/fhir/$export", Status = BulkExportStatus.Running, LeaseUntil = app.Clock.GetUtcNow().AddDays(1),
            });
            await db.SaveChangesAsync();
        }

        var second = await client.SendAsync(KickOff("/fhir/$export"));

        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        Assert.NotNull(second.Headers.RetryAfter);
    }
}

public sealed class BulkExportProtocolSqliteTests(SqliteApp app) : BulkExportProtocolTests(app), IClassFixture<SqliteApp>;

public sealed class BulkExportProtocolPostgreSqlTests(PostgreSqlApp app) : BulkExportProtocolTests(app), IClassFixture<PostgreSqlApp>;
