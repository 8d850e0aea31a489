using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Billing;

public static class BillingApi
{
    public sealed record ProfileInput(string? LegalName, string? Npi, string? TaxId, string? AddressLine, string? City, string? State, string? PostalCode,
        string? ContactName, string? ContactPhone, string? SubmitterId, string? ReceiverId, string? ReceiverName, string? PlaceOfService, string? UsageIndicator,
        string? Separators);

    public sealed record FeeInput(decimal Amount);

    public sealed record AdjustInput(string? Code, int Units, List<string>? Modifiers, List<int>? Pointers, string? Reason);

    public sealed record NcciLoaded(Guid Id, string SourceName, int RowsRead, int EditsKept);

    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder app)
    {
        var billing = app.MapGroup("/api/billing").RequireAuthorization(Policies.Billing);
        billing.MapGet("/overview", (BillingQueries queries, CancellationToken ct) => queries.OverviewAsync(ct));
        billing.MapGet("/profile", async Task<Results<Ok<BillingProfile>, NotFound>> (TactusDbContext db, CancellationToken ct) =>
            await db.BillingProfiles.AsNoTracking().SingleOrDefaultAsync(ct) is { } p ? TypedResults.Ok(p) : TypedResults.NotFound());
        billing.MapPut("/profile", SaveProfileAsync);
        billing.MapGet("/fees", async (TactusDbContext db, CancellationToken ct) =>
            (await db.FeeSchedule.AsNoTracking().ToListAsync(ct)).OrderBy(f => f.Code).Select(f => new { f.Code, f.Amount }));
        billing.MapPut("/fees/{code}", async (string code, FeeInput input, TactusDbContext db, AccessScope scope, BillingReference reference, CancellationToken ct) =>
        {
            code = code.ToUpperInvariant();
            if (!reference.Codes.ContainsKey(code) || input.Amount is < 0 or > 100_000 || decimal.Round(input.Amount, 2) != input.Amount)
            {
                throw new DomainRuleException("invalid-fee", "Give a fee (0–100000, in cents at most) for a code in Tactus's code list.", StatusCodes.Status422UnprocessableEntity);
            }

            var fee = await db.FeeSchedule.SingleOrDefaultAsync(f => f.Code == code, ct);
            if (fee is null)
            {
                fee = new FeeScheduleEntry { OrganizationId = scope.OrganizationId!.Value, Code = code };
                db.FeeSchedule.Add(fee);
            }

            fee.Amount = input.Amount;
            await db.SaveChangesAsync(ct);
            return TypedResults.Ok(new { fee.Code, fee.Amount });
        });
        billing.MapPost("/ncci", LoadNcciAsync).Accepts<string>("text/plain");
        billing.MapGet("/visits/{id:guid}", async Task<Results<Ok<VisitCoding>, NotFound>> (Guid id, TactusDbContext db, CancellationToken ct) =>
            await db.VisitCodings.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound());
        billing.MapGet("/visits/by-session/{sessionId:guid}", async Task<Results<Ok<VisitCoding>, NotFound>> (Guid sessionId, TactusDbContext db, CancellationToken ct) =>
            await db.VisitCodings.AsNoTracking().SingleOrDefaultAsync(v => v.SessionId == sessionId, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound());
        billing.MapPost("/visits/{id:guid}/adjust", async Task<Results<Ok<VisitCoding>, NotFound>> (Guid id, AdjustInput input, VisitCodingWorkflow workflow, CancellationToken ct) =>
            await workflow.AdjustAsync(id, input.Code?.ToUpperInvariant() ?? "", input.Units, input.Modifiers ?? [], input.Pointers ?? [], input.Reason, ct) is { } v
                ? TypedResults.Ok(v) : TypedResults.NotFound());
        billing.MapPost("/visits/{id:guid}/review", async Task<Results<Ok<VisitCoding>, NotFound>> (Guid id, VisitCodingWorkflow workflow, CancellationToken ct) =>
            await workflow.ReviewAsync(id, ct) is { } v ? TypedResults.Ok(v) : TypedResults.NotFound());
        return app;
    }

    private static async Task<Ok<BillingProfile>> SaveProfileAsync(ProfileInput input, TactusDbContext db, AccessScope scope, CancellationToken ct)
    {
        var errors = ProfileErrors(input);
        if (errors.Count > 0)
        {
            throw new DomainRuleException("invalid-profile", string.Join(" ", errors), StatusCodes.Status422UnprocessableEntity);
        }

        var profile = await db.BillingProfiles.SingleOrDefaultAsync(ct);
        if (profile is null)
        {
            profile = new BillingProfile { OrganizationId = scope.OrganizationId!.Value, LegalName = "", SubmitterId = "", ReceiverId = "", ReceiverName = "" };
            db.BillingProfiles.Add(profile);
        }

        profile.LegalName = input.LegalName!.Trim();
        (profile.Npi, profile.TaxId, profile.AddressLine, profile.City, profile.State, profile.PostalCode) =
            (input.Npi, Digits(input.TaxId), input.AddressLine, input.City, input.State?.ToUpperInvariant(), Digits(input.PostalCode));
        (profile.ContactName, profile.ContactPhone) = (input.ContactName ?? "BILLING DESK", input.ContactPhone);
        (profile.SubmitterId, profile.ReceiverId, profile.ReceiverName) = (input.SubmitterId!.Trim(), input.ReceiverId!.Trim(), input.ReceiverName!.Trim());
        profile.PlaceOfService = input.PlaceOfService ?? "11";
        profile.UsageIndicator = input.UsageIndicator ?? "T";
        if (input.Separators is { Length: 4 } s)
        {
            (profile.ElementSeparator, profile.ComponentSeparator, profile.RepetitionSeparator, profile.SegmentTerminator) = (s[0], s[1], s[2], s[3]);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(profile);
    }

    private static List<string> ProfileErrors(ProfileInput p)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(p.LegalName) || p.LegalName.Length > 60)
        {
            errors.Add("Give the legal name (at most 60 characters).");
        }

        if (p.Npi is not null && !Practitioners.CredentialRules.IsValidNpi(p.Npi))
        {
            errors.Add("The NPI fails its check digit.");
        }

        if (new[] { p.SubmitterId, p.ReceiverId }.Any(id => string.IsNullOrWhiteSpace(id) || id.Trim().Length > 15) || string.IsNullOrWhiteSpace(p.ReceiverName))
        {
            errors.Add("Give the submitter and receiver ids (at most 15 characters, as the clearinghouse assigned) and the receiver's name.");
        }

        if (p.UsageIndicator is not (null or "T" or "P"))
        {
            errors.Add("The usage indicator is T (test) or P (production).");
        }

        if (p.Separators is not null && (p.Separators.Length != 4 || !new Claims.X12.X12Separators(p.Separators[0], p.Separators[1], p.Separators[2], p.Separators[3]).AreValid()))
        {
            errors.Add("Separators are four different punctuation characters: element, component, repetition, segment (e.g. \"*:^~\").");
        }

        return errors;
    }

    private static async Task<Created<NcciLoaded>> LoadNcciAsync(HttpRequest request, TactusDbContext db, AccessScope scope, BillingReference reference,
        TimeProvider time, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(ct);
        NcciEdits parsed;
        try
        {
            parsed = NcciEdits.Parse(text);
        }
        catch (FormatException e)
        {
            throw new DomainRuleException("invalid-ncci-file", e.Message + " Nothing was loaded.", StatusCodes.Status422UnprocessableEntity);
        }

        var kept = parsed.Relevant(reference.Codes.Keys.ToHashSet());
        var set = new NcciEditSet
        {
            OrganizationId = scope.OrganizationId!.Value, SourceName = request.Query["name"].FirstOrDefault() ?? "CMS practitioner PTP edits",
            LoadedAt = time.GetStorageNow(), LoadedById = scope.UserId!.Value, RowsRead = parsed.Count, Edits = [.. kept.All],
        };
        db.NcciEditSets.Add(set);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/billing/ncci/{set.Id}", new NcciLoaded(set.Id, set.SourceName, set.RowsRead, set.Edits.Count));
    }

    private static string? Digits(string? value) => value is null ? null : new string(value.Where(char.IsAsciiDigit).ToArray());
}
