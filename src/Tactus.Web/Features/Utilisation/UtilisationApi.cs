using Microsoft.AspNetCore.Http.HttpResults;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Utilisation;

public static class UtilisationApi
{
    public sealed record EventDto(Guid Id, UtilisationKind Kind, DateOnly OccurredOn, decimal? Cost, string Source)
    {
        public static EventDto From(UtilisationEvent e) => new(e.Id, e.Kind, e.OccurredOn, e.Cost, e.Source);
    }

    /// <summary>The price list as the manager sends it: every kind priced, once.</summary>
    public sealed record PriceList(List<UtilisationRecords.PriceInput> Prices);

    public static IEndpointRouteBuilder MapUtilisationApi(this IEndpointRouteBuilder app)
    {
        var patient = app.MapGroup("/api/patients/{patientId:guid}/utilisation").RequireAuthorization(Policies.ClinicalRecords);
        patient.MapGet("/", async Task<Results<Ok<List<EventDto>>, NotFound>> (Guid patientId, UtilisationRecords records, CancellationToken ct) =>
            await records.ForPatientAsync(patientId, ct) is { } events ? TypedResults.Ok(events.Select(EventDto.From).ToList()) : TypedResults.NotFound());
        patient.MapPost("/", async Task<Results<Created<EventDto>, NotFound>> (Guid patientId, UtilisationRecords.EventInput input, UtilisationRecords records,
            CancellationToken ct) =>
            await records.RecordAsync(patientId, input, ct) is { } e ? TypedResults.Created($"/api/patients/{patientId}/utilisation", EventDto.From(e)) : TypedResults.NotFound())
            .Accepts<UtilisationRecords.EventInput>("application/json");
        // The EHR's patient export as a FHIR Bundle (Encounter, Procedure, Claim): what it adds, and what it skipped and why.
        patient.MapPost("/import", async Task<Results<Ok<UtilisationImport.Result>, NotFound, ProblemHttpResult>> (Guid patientId, HttpRequest request,
            UtilisationImport import, CancellationToken ct) =>
        {
            if (request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() is not ("application/fhir+json" or "application/json"))
            {
                return TypedResults.Problem("Send the bundle as application/fhir+json.", statusCode: StatusCodes.Status415UnsupportedMediaType);
            }

            string body;
            try
            {
                body = await Fhir.FhirRequestBody.ReadBoundedAsync(request, Fhir.FhirRequestBody.MaxBundleBytes);
            }
            catch (InvalidDataException)
            {
                return TypedResults.Problem($"The bundle is larger than {Fhir.FhirRequestBody.MaxBundleBytes / 1024 / 1024} MB.", statusCode: StatusCodes.Status413PayloadTooLarge);
            }

            return await import.ImportAsync(patientId, body, ct) is { } result ? TypedResults.Ok(result) : TypedResults.NotFound();
        });

        var prices = app.MapGroup("/api/utilisation/prices").RequireAuthorization(Policies.ProgrammeCosts);
        prices.MapGet("/", async (UtilisationRecords records, CancellationToken ct) => TypedResults.Ok(await records.PricesAsync(ct)));
        prices.MapPut("/", async (PriceList input, UtilisationRecords records, CancellationToken ct) =>
        {
            await records.SetPricesAsync(input.Prices, ct);
            return TypedResults.Ok(await records.PricesAsync(ct));
        }).Accepts<PriceList>("application/json");
        return app;
    }
}
