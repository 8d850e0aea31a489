using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Fhir;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Features.BulkData;

/// <summary>
/// FHIR Bulk Data Access 2.0 export (https://hl7.org/fhir/uv/bulkdata/export.html): kick-off at system, Patient and
/// Group level, the asynchronous status pattern, the manifest, cancellation and downloads. Backend services only (a
/// SMART Backend Services token with system/ scopes): an export reads a whole organisation and is not a person's
/// session's work. Every status and file is the asking account's alone; anyone else gets 404.
/// </summary>
public static partial class BulkExportApi
{
    public const string NdjsonType = "application/fhir+ndjson";

    private static readonly HashSet<string> OutputFormats = [NdjsonType, "application/ndjson", "ndjson"];
    private static readonly HashSet<string> Honoured = ["_outputFormat", "_type", "_since"];

    /// <summary>Seconds a client should wait before it polls again (Retry-After).</summary>
    public const int RetryAfterSeconds = 2;

    public static IEndpointRouteBuilder MapBulkExportApi(this IEndpointRouteBuilder app)
    {
        var fhir = app.MapGroup("/fhir").RequireAuthorization(Policies.FhirRecords);
        fhir.MapGet("/$export", (HttpRequest r, IServiceProvider s, CancellationToken ct) => KickOffAsync(r, BulkExportLevels.System, null, s, ct));
        fhir.MapGet("/Patient/$export", (HttpRequest r, IServiceProvider s, CancellationToken ct) => KickOffAsync(r, BulkExportLevels.Patient, null, s, ct));
        fhir.MapGet("/Group/{id}/$export", (string id, HttpRequest r, IServiceProvider s, CancellationToken ct) => KickOffAsync(r, BulkExportLevels.Group, id, s, ct));
        fhir.MapGet("/Group", SearchGroupsAsync).AddEndpointFilter<FhirScopeFilter>().WithMetadata(new FhirInteraction("Group", FhirPermission.Search));
        fhir.MapGet("/Group/{id}", ReadGroupAsync).AddEndpointFilter<FhirScopeFilter>().AddEndpointFilter<FhirVersionFilter>().WithMetadata(new FhirInteraction("Group", FhirPermission.Read));
        fhir.MapGet("/bulk-status/{id}", StatusAsync);
        fhir.MapDelete("/bulk-status/{id}", CancelAsync);
        fhir.MapGet("/bulk-files/{id}/{file}", DownloadAsync);
        return app;
    }

    private static async Task<IResult> KickOffAsync(HttpRequest request, string level, string? groupId, IServiceProvider services, CancellationToken ct)
    {
        var http = request.HttpContext;
        if (!IsBackendService(http))
        {
            return FhirApi.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden,
                "A bulk export is asked for by a backend service (SMART Backend Services: a client-credentials token with system/ scopes).");
        }

        if (!request.Headers["Prefer"].ToString().Contains("respond-async", StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("A bulk export runs asynchronously: send Prefer: respond-async.");
        }

        var reference = services.GetRequiredService<ClinicalReference>();
        if (level == BulkExportLevels.Group && ProgrammeCohorts.Find(reference, groupId!) is null)
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Group/{groupId} is not known (see /fhir/Group).");
        }

        var lenient = request.Headers["Prefer"].ToString().Contains("handling=lenient", StringComparison.OrdinalIgnoreCase);
        if (request.Query.Keys.FirstOrDefault(k => !Honoured.Contains(k)) is { } unknown && !lenient)
        {
            return Invalid($"The parameter '{unknown}' is not supported by this export (supported: _outputFormat, _type, _since; send Prefer: handling=lenient to have others ignored).");
        }

        if (request.Query.Keys.Any(k => Honoured.Contains(k) && request.Query[k].Count > 1))
        {
            return Invalid("Give each parameter once (several types go in one _type, separated by commas).");
        }

        if (request.Query.TryGetValue("_outputFormat", out var format) && !OutputFormats.Contains(format.ToString()))
        {
            return Invalid($"_outputFormat '{format}' is not offered; Tactus writes {NdjsonType}.");
        }

        DateTimeOffset? since = null;
        if (request.Query.TryGetValue("_since", out var sinceText))
        {
            if (!Instant().IsMatch(sinceText.ToString())
                || !DateTimeOffset.TryParse(sinceText.ToString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                return Invalid("_since takes a FHIR instant with its time zone, such as 2026-01-31T09:30:00Z.");
            }

            since = parsed.ToUniversalTime();
        }

        var offered = BulkExportResources.TypesOf(level);
        var scopes = SmartScopes.Clinical(http.User.GetScopes());
        List<string> types;
        if (request.Query.TryGetValue("_type", out var typeText))
        {
            types = typeText.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();
            if (types.Count == 0 || types.FirstOrDefault(t => !offered.Contains(t)) is { } notOffered && !lenient)
            {
                return Invalid($"_type names types this export offers at {level} level: {string.Join(", ", offered)}.");
            }

            types = types.Where(offered.Contains).ToList();
            if (types.FirstOrDefault(t => !SmartScopes.Allows(scopes, t, FhirPermission.Read, ScopeContext.System)) is { } refused)
            {
                return FhirApi.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, $"The token's scopes do not allow reading {refused}.");
            }
        }
        else
        {
            types = offered.Where(t => SmartScopes.Allows(scopes, t, FhirPermission.Read, ScopeContext.System)).ToList();
        }

        if (types.Count == 0)
        {
            return FhirApi.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "The token's scopes allow reading none of the exported types.");
        }

        var scope = services.GetRequiredService<AccessScope>();
        var db = services.GetRequiredService<TactusDbContext>();
        var account = scope.UserId!.Value;
        if (await db.BulkExportJobs.AnyAsync(j => j.AccountId == account && (j.Status == BulkExportStatus.Accepted || j.Status == BulkExportStatus.Running), ct))
        {
            // Bulk Data 2.0 §5.1.3: a server may refuse a kick-off while the client's earlier export runs.
            http.Response.Headers.RetryAfter = "30";
            return FhirApi.Outcome(StatusCodes.Status429TooManyRequests, OperationOutcome.IssueType.Throttled,
                "An export of this client is still running; wait for it (or cancel it) before asking for another.");
        }

        var job = new BulkExportJob
        {
            OrganizationId = scope.OrganizationId!.Value,
            AccountId = account,
            AccountName = scope.UserName ?? scope.Actor,
            Role = scope.Role!,
            Level = level,
            GroupId = groupId,
            Types = types,
            Since = since,
            RequestUrl = $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}{request.QueryString}",
            TransactionTime = services.GetRequiredService<TimeProvider>().GetUtcNow(),
            Status = BulkExportStatus.Accepted,
        };
        db.BulkExportJobs.Add(job);
        await db.SaveChangesAsync(ct);
        await services.GetRequiredService<AuditLog>().RecordAsync(AuditActions.ExportRequested, AuditOutcomes.Success, "BulkExport", job.Id.ToString(),
            detail: $"{level}{(groupId is null ? "" : "/" + groupId)}: {string.Join(",", types)}{(since is null ? "" : $" since {since:O}")}");
        services.GetRequiredService<BulkExportWorker>().Wake();
        http.Response.Headers.ContentLocation = $"{Root(request)}/fhir/bulk-status/{job.Id}";
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> StatusAsync(string id, HttpRequest request, TactusDbContext db, AccessScope scope, CancellationToken ct)
    {
        if (await FindAsync(db, scope, id, ct) is not { } job || job.Status is BulkExportStatus.Cancelled or BulkExportStatus.Expired)
        {
            return NotKnown(id);
        }

        var response = request.HttpContext.Response;
        switch (job.Status)
        {
            case BulkExportStatus.Accepted or BulkExportStatus.Running:
                response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                response.Headers["X-Progress"] = job.Status == BulkExportStatus.Accepted ? "queued" : $"{job.Exported} resources exported";
                return Results.StatusCode(StatusCodes.Status202Accepted);
            case BulkExportStatus.Failed:
                return FhirApi.Outcome(StatusCodes.Status500InternalServerError, OperationOutcome.IssueType.Exception, job.Error ?? "The export failed.");
        }

        response.Headers.Expires = job.ExpiresAt!.Value.ToString("R", CultureInfo.InvariantCulture);
        var root = Root(request);
        var manifest = new
        {
            transactionTime = job.TransactionTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture),
            request = job.RequestUrl,
            requiresAccessToken = true,
            output = job.Files.Select(f => new
            {
                type = f.Type,
                url = $"{root}/fhir/bulk-files/{job.Id}/{f.Type}.ndjson",
                count = f.Count,
                extension = new Dictionary<string, string> { ["sha256"] = f.Sha256 },
            }),
            error = Array.Empty<object>(),
        };
        return Results.Json(manifest, contentType: "application/json");
    }

    private static async Task<IResult> CancelAsync(string id, TactusDbContext db, AccessScope scope, AuditLog audit, CancellationToken ct)
    {
        if (await FindAsync(db, scope, id, ct) is not { } job || job.Status is BulkExportStatus.Cancelled or BulkExportStatus.Expired)
        {
            return NotKnown(id);
        }

        // The worker sees the status at its next part and stops; the parts already written go now.
        await db.BulkExportJobs.Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, BulkExportStatus.Cancelled), ct);
        await db.BulkExportParts.Where(p => p.JobId == job.Id).ExecuteDeleteAsync(ct);
        await audit.RecordAsync(AuditActions.ExportCancelled, AuditOutcomes.Success, "BulkExport", job.Id.ToString());
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> DownloadAsync(string id, string file, HttpContext http, TactusDbContext db, AccessScope scope, AuditLog audit,
        TimeProvider time, CancellationToken ct)
    {
        var type = file.EndsWith(".ndjson", StringComparison.Ordinal) ? file[..^".ndjson".Length] : "";
        if (await FindAsync(db, scope, id, ct) is not { Status: BulkExportStatus.Complete } job || job.ExpiresAt <= time.GetUtcNow()
            || job.Files.FirstOrDefault(f => f.Type == type) is not { } listed)
        {
            return NotKnown(id);
        }

        await audit.RecordAsync(AuditActions.ExportDownloaded, AuditOutcomes.Success, "BulkExport", job.Id.ToString(), detail: $"{type}: {listed.Count} resources");
        http.Response.ContentType = NdjsonType;
        http.Response.Headers["X-Content-SHA256"] = listed.Sha256;
        var parts = db.BulkExportParts.AsNoTracking().Where(p => p.JobId == job.Id && p.ResourceType == type).OrderBy(p => p.Sequence).Select(p => p.Content);
        await foreach (var content in parts.AsAsyncEnumerable().WithCancellation(ct))
        {
            await http.Response.Body.WriteAsync(content, ct);
        }

        return Results.Empty;
    }

    private static async Task<IResult> SearchGroupsAsync(HttpRequest request, TactusDbContext db, ClinicalReference reference, CancellationToken ct)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = reference.Protocols.Count };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{Root(request)}/fhir/Group" });
        foreach (var protocol in reference.Protocols)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{Root(request)}/fhir/Group/{protocol.Id}",
                Resource = ProgrammeCohorts.Build(protocol, await ProgrammeCohorts.Members(db, protocol).CountAsync(ct)),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return FhirApi.Resource(bundle);
    }

    private static async Task<IResult> ReadGroupAsync(string id, TactusDbContext db, ClinicalReference reference, CancellationToken ct) =>
        ProgrammeCohorts.Find(reference, id) is { } protocol
            ? FhirApi.Resource(ProgrammeCohorts.Build(protocol, await ProgrammeCohorts.Members(db, protocol).CountAsync(ct)))
            : FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Group/{id} is not known.");

    /// <summary>The asking account's own export; another account's, or another organisation's, is not known.</summary>
    private static async Task<BulkExportJob?> FindAsync(TactusDbContext db, AccessScope scope, string id, CancellationToken ct) =>
        Guid.TryParse(id, out var jobId) && scope.UserId is { } account
            ? await db.BulkExportJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == jobId && j.AccountId == account, ct)
            : null;

    /// <summary>A SMART Backend Services token: bearer, with system/ scopes only (the authorisation page never grants one).</summary>
    private static bool IsBackendService(HttpContext http)
    {
        if (!FhirScopeFilter.IsBearer(http.Request))
        {
            return false;
        }

        var scopes = SmartScopes.Clinical(http.User.GetScopes()).ToList();
        return scopes.Count > 0 && scopes.All(s => s.Context == ScopeContext.System);
    }

    private static IResult NotKnown(string id) =>
        FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"No export {id} of this client is known (it may have expired or been cancelled).");

    private static IResult Invalid(string message) => FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, message);

    private static string Root(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Instant();
}
