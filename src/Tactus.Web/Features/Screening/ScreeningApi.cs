using Microsoft.AspNetCore.Http.HttpResults;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Screening;

public static class ScreeningApi
{
    public static IEndpointRouteBuilder MapScreeningApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/screening/evaluate", Evaluate).RequireAuthorization(Policies.Staff).Accepts<ScreeningRequest>("application/json");
        app.MapGet("/api/reference/regions", Regions).RequireAuthorization(Policies.Staff);
        return app;
    }

    public sealed record RegionDto(string Id, string Label, string View);

    /// <summary>The body-chart regions by id, as intake answers, notes and findings name them.</summary>
    private static Ok<List<RegionDto>> Regions(ClinicalReference reference) =>
        TypedResults.Ok(reference.Regions.Select(r => new RegionDto(r.Id, r.Label, r.View)).ToList());

    /// <summary>Stateless: evaluates and answers, stores nothing (an intake form's live preview, an integrator's pre-referral check).</summary>
    private static Results<Ok<ScreeningResult>, ValidationProblem> Evaluate(ScreeningRequest request, ContraindicationEngine engine,
        ClinicalReference reference, TimeProvider time)
    {
        var errors = new Dictionary<string, string[]>();
        var unknownRegions = request.Answers!.AllRegions().Where(r => !reference.IsRegion(r)).Distinct().ToList();
        if (unknownRegions.Count > 0)
        {
            errors["answers"] = [$"Unknown body regions: {string.Join(", ", unknownRegions)}. The body chart names its regions: see GET /api/reference/regions."];
        }

        var malformed = request.Diagnoses.Where(d => !Icd10Format.IsWellFormed(d)).ToList();
        if (malformed.Count > 0)
        {
            errors["diagnoses"] = [$"Not ICD-10-CM codes: {string.Join(", ", malformed)}."];
        }

        if (request.Medications.Any(m => m is null || m.Length > 200))
        {
            errors["medications"] = ["Each medication is a name of at most 200 characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var asOf = request.AsOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(engine.Evaluate(request.Answers, request.Diagnoses, request.Medications, asOf));
    }
}
