using System.Globalization;
using System.Text.Json;
using Tactus.Web.Data;
using Tactus.Web.Features.Organizations;

namespace Tactus.Web.Features.CdsHooks;

/// <summary>
/// The CDS Hooks 2.0 service (https://cds-hooks.hl7.org/2.0/): discovery, the three services of <see cref="CdsCatalogue"/>,
/// and feedback. Calls are JWT-authenticated (<see cref="CdsClientAuthentication"/>); errors are problem details; a
/// service that cannot get the FHIR data it needs answers 412, as the specification says.
/// </summary>
public static class CdsHooksApi
{
    /// <summary>A hook request is a context and some prefetched resources; anything near this size is not one.</summary>
    public const long MaxRequestBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapCdsHooksApi(this IEndpointRouteBuilder app)
    {
        // Discovery says what the services are and what they prefetch; it discloses nothing about anyone.
        app.MapGet("/cds-services", () => Results.Json(new { services = CdsCatalogue.Services }, CdsJson.Options)).AllowAnonymous();
        var services = app.MapGroup("/cds-services").AllowAnonymous().AddEndpointFilter<CdsClientAuthentication>().DisableAntiforgery();
        services.MapPost("/{id}", InvokeAsync);
        services.MapPost("/{id}/feedback", FeedbackAsync);
        return app;
    }

    private static async Task<IResult> InvokeAsync(string id, HttpRequest request, IServiceProvider services, CancellationToken ct)
    {
        if (CdsCatalogue.Find(id) is not { } service)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No CDS service '{id}' (see /cds-services).");
        }

        var (call, problem) = await ReadAsync<CdsRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (call!.Hook != service.Hook || string.IsNullOrWhiteSpace(call.HookInstance) || call.Context.ValueKind != JsonValueKind.Object
            || CdsFhirData.Text(call.Context, "patientId") is not { Length: > 0 })
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a call for this service.",
                detail: $"Send hook '{service.Hook}', a hookInstance and a context with patientId (CDS Hooks 2.0, Calling a CDS Service).");
        }

        if (call.FhirAuthorization is not null && string.IsNullOrWhiteSpace(call.FhirServer))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "fhirServer is required with fhirAuthorization.");
        }

        var client = (CdsClient)request.HttpContext.Items[CdsClientAuthentication.ClientItem]!;
        var data = services.GetRequiredService<CdsFhirData>();
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        Task<JsonElement?> Get(string key) => data.GetAsync(call, key, service.Prefetch[key], client.Issuer, ct);
        IReadOnlyList<CdsCard> cards;
        switch (service.Id)
        {
            case CdsCatalogue.ProgrammeStatus:
                if (await Get("patient") is not { } patient)
                {
                    return NoData("patient");
                }

                cards = await services.GetRequiredService<ProgrammeStatusCards>().CardsAsync(patient, root, ct);
                break;
            case CdsCatalogue.ReferralSuggestion:
                cards = services.GetRequiredService<ReferralSuggestionCards>().Cards(call.Context, await Get("conditions"), root);
                break;
            default:
                if (!MassageOrders.Drafts(call.Context).Any(MassageOrders.IsMassage))
                {
                    cards = []; // nothing of Tactus's is being signed
                    break;
                }

                var conditions = await Get("conditions");
                var medications = await Get("medications");
                if (conditions is null || medications is null)
                {
                    // A safety check without the conditions or the medicines would pass what it never saw.
                    return NoData(conditions is null ? "conditions" : "medications");
                }

                var today = services.GetRequiredService<OrganizationClock>().Date(services.GetRequiredService<TimeProvider>().GetUtcNow());
                cards = services.GetRequiredService<ReferralSafetyCards>().Cards(call.Context, conditions, medications, today, root);
                break;
        }

        return Results.Json(new CdsResponse(cards), CdsJson.Options);
    }

    private static async Task<IResult> FeedbackAsync(string id, HttpRequest request, TactusDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (CdsCatalogue.Find(id) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No CDS service '{id}' (see /cds-services).");
        }

        var (body, problem) = await ReadAsync<CdsFeedbackRequest>(request, ct);
        if (problem is not null)
        {
            return problem;
        }

        var client = (CdsClient)request.HttpContext.Items[CdsClientAuthentication.ClientItem]!;
        var items = body!.Feedback ?? [];
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (item.Card is not { Length: > 0 and <= 100 } || item.Outcome is not ("accepted" or "overridden")
                || !DateTimeOffset.TryParse(item.OutcomeTimestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
                || (item.Outcome == "accepted" && item.AcceptedSuggestions is not { Count: > 0 })
                || item.OverrideReason?.UserComment is { Length: > 1000 })
            {
                errors[$"feedback[{i}]"] = ["Each feedback names its card (uuid), an outcome of accepted (with acceptedSuggestions) or overridden, and an outcomeTimestamp."];
            }
        }

        if (items.Count is 0 or > 100 || errors.Count > 0)
        {
            return Results.ValidationProblem(errors.Count > 0 ? errors : new Dictionary<string, string[]> { ["feedback"] = ["Send from 1 to 100 feedback items."] });
        }

        foreach (var item in items)
        {
            db.CdsFeedback.Add(new CdsFeedback
            {
                OrganizationId = client.OrganizationId,
                ClientId = client.Id,
                ServiceId = id,
                CardId = item.Card!,
                Outcome = item.Outcome!,
                AcceptedSuggestions = (item.AcceptedSuggestions ?? []).Select(s => s.Id).OfType<string>().Select(s => s.Length > 100 ? s[..100] : s).ToList(),
                OverrideReasonCode = item.OverrideReason?.Reason?.Code is { } code ? code[..Math.Min(code.Length, 100)] : null,
                OverrideComment = item.OverrideReason?.UserComment,
                OutcomeAt = DateTimeOffset.Parse(item.OutcomeTimestamp!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                ReceivedAt = time.GetUtcNow(),
            });
        }

        await db.SaveChangesAsync(ct);
        return Results.Ok();
    }

    /// <summary>The JSON body, or the problem that says why it is not one (415, 413, 400).</summary>
    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (default, Results.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Send application/json."));
        }

        if (request.ContentLength > MaxRequestBytes)
        {
            return (default, Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large."));
        }

        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, CdsJson.Options, ct);
            return body is null ? (default, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is empty.")) : (body, null);
        }
        catch (JsonException e)
        {
            return (default, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The body is not the JSON this endpoint takes.", detail: e.Message));
        }
    }

    private static IResult NoData(string key) => Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed,
        title: $"The '{key}' data is needed.", detail: $"Prefetch '{key}', or pass fhirServer and fhirAuthorization so Tactus can read it.");
}
