using Microsoft.AspNetCore.Http.HttpResults;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Questionnaires;

public static class OutcomeMeasuresApi
{
    public sealed record InstrumentSummary(string Code, string Name, string Domain, int Items, ScoreRange Range, string Licence,
        IReadOnlyDictionary<string, string> Loinc, Mcid? Mcid, bool Slot);

    public sealed record ScoreRequest(Dictionary<string, int?> Answers);

    public sealed record BandsChosen(string Instrument, string Convention, DateTimeOffset ChosenAt);

    public static IEndpointRouteBuilder MapOutcomeMeasuresApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instruments").RequireAuthorization(Policies.Staff);
        group.MapGet("/", async (OrganizationInstruments instruments, CancellationToken ct) => TypedResults.Ok((await instruments.ListAsync(ct))
            .Select(i => new InstrumentSummary(i.Code, i.Name, i.Domain, i.Items.Count, i.Range, i.Licence.Status, i.Loinc, i.Mcid, i.IsSlot)).ToList()));
        group.MapGet("/{code}", async Task<Results<Ok<InstrumentDefinition>, NotFound>> (string code, OrganizationInstruments instruments, CancellationToken ct) =>
            await instruments.FindAsync(code, ct) is { } definition ? TypedResults.Ok(definition) : TypedResults.NotFound());
        group.MapPut("/{code}/wording", async (string code, OrganizationInstruments.WordingInput input, OrganizationInstruments instruments, CancellationToken ct) =>
        {
            var wording = await instruments.SupplyAsync(code, input, ct);
            return TypedResults.Ok(new { wording.Instrument, wording.SuppliedAt, Items = wording.ItemText.Count });
        }).RequireAuthorization(Policies.Credentialing).Accepts<OrganizationInstruments.WordingInput>("application/json");
        group.MapPut("/{code}/value-set", async (string code, OrganizationInstruments.ValueSetInput input, OrganizationInstruments instruments, CancellationToken ct) =>
        {
            var valueSet = await instruments.SupplyValueSetAsync(code, input, ct);
            return TypedResults.Ok(new { valueSet.Instrument, valueSet.Name, valueSet.SuppliedAt });
        }).RequireAuthorization(Policies.Credentialing).Accepts<OrganizationInstruments.ValueSetInput>("application/json");
        group.MapPut("/{code}/bands", ChooseBandsAsync).RequireAuthorization(Policies.Credentialing).Accepts<OrganizationInstruments.BandsInput>("application/json");
        group.MapPost("/{code}/score", Score).Accepts<ScoreRequest>("application/json");
        return app;
    }

    /// <summary>Answers in; total, band and safety flags out, or a clear reason it cannot be scored. Nothing is stored.</summary>
    private static async Task<Ok<BandsChosen>> ChooseBandsAsync(string code, OrganizationInstruments.BandsInput input, OrganizationInstruments instruments,
        CancellationToken cancellationToken)
    {
        var choice = await instruments.ChooseBandsAsync(code, input, cancellationToken);
        return TypedResults.Ok(new BandsChosen(choice.Instrument, choice.Convention, choice.ChosenAt));
    }

    /// <summary>The organisation's bands apply (its chosen convention), so a score here reads as it will in a report.</summary>
    private static async Task<Results<Ok<ScoreResult>, NotFound, ValidationProblem>> Score(string code, ScoreRequest request, OrganizationInstruments instruments,
        CancellationToken cancellationToken)
    {
        if (await instruments.FindAsync(code, cancellationToken) is not { } definition)
        {
            return TypedResults.NotFound();
        }

        var result = Scoring.Score(definition, request.Answers ?? []);
        if (result.CannotScoreReason is { } reason && result.Missing == 0 && !result.Scored)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answers"] = [reason] });
        }

        return TypedResults.Ok(result);
    }
}
