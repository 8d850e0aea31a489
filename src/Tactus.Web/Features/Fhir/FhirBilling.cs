using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// Coverage and ExplanationOfBenefit, read and searched by patient: the billing roles' part of /fhir (a biller reads
/// these and the patient, not the clinical record). An ExplanationOfBenefit exists once the payer's remittance is posted.
/// </summary>
public static class FhirBilling
{
    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> Parameters = [("patient", SearchParamType.Reference)];

    public static RouteGroupBuilder MapBilling(this RouteGroupBuilder billing)
    {
        billing.MapGet("/Coverage", (HttpRequest r, TactusDbContext db, TimeProvider t, CancellationToken ct) => SearchAsync("Coverage", r, db, t, ct))
            .WithMetadata(new FhirInteraction("Coverage", FhirPermission.Search));
        billing.MapGet("/Coverage/{id}", (string id, HttpContext h, TactusDbContext db, TimeProvider t, CancellationToken ct) => ReadAsync("Coverage", id, h, db, t, ct))
            .WithMetadata(new FhirInteraction("Coverage", FhirPermission.Read));
        billing.MapGet("/ExplanationOfBenefit", (HttpRequest r, TactusDbContext db, TimeProvider t, CancellationToken ct) => SearchAsync("ExplanationOfBenefit", r, db, t, ct))
            .WithMetadata(new FhirInteraction("ExplanationOfBenefit", FhirPermission.Search));
        billing.MapGet("/ExplanationOfBenefit/{id}", (string id, HttpContext h, TactusDbContext db, TimeProvider t, CancellationToken ct) => ReadAsync("ExplanationOfBenefit", id, h, db, t, ct))
            .WithMetadata(new FhirInteraction("ExplanationOfBenefit", FhirPermission.Read));
        return billing;
    }

    private static async Task<IResult> ReadAsync(string type, string id, HttpContext http, TactusDbContext db, TimeProvider time, CancellationToken ct)
    {
        List<Resource> found = [];
        if (Guid.TryParse(id, out var key))
        {
            found = type == "Coverage"
                ? await CoveragesAsync(db, time, c => c.Id == key, ct)
                : await BenefitsAsync(db, c => c.Id == key, ct);
        }

        return found is [var resource] && FhirApi.InPatientContext(http, PatientOf(resource))
            ? FhirApi.Resource(resource)
            : FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"{type}/{id} is not known.");
    }

    private static async Task<IResult> SearchAsync(string type, HttpRequest request, TactusDbContext db, TimeProvider time, CancellationToken ct)
    {
        var unknown = FhirSearch.Unknown(request.Query, Parameters);
        if (FhirSearch.RefuseIfStrict(request, unknown) is { } refused)
        {
            return refused;
        }

        if (FhirSearch.Patient(request) is not var (patientId, outsideLaunch))
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, $"{type} search needs patient (Patient/{{id}}), once.");
        }

        var resources = outsideLaunch ? []
            : type == "Coverage" ? await CoveragesAsync(db, time, c => c.PatientId == patientId, ct)
            : await BenefitsAsync(db, c => c.PatientId == patientId, ct);
        var bundle = FhirSearch.Searchset(request, resources, resources.Count);
        FhirSearch.ReportIgnored(bundle, unknown);
        return FhirApi.Resource(bundle);
    }

    private static async Task<List<Resource>> CoveragesAsync(TactusDbContext db, TimeProvider time, System.Linq.Expressions.Expression<Func<Coverage.PatientCoverage, bool>> which, CancellationToken ct)
    {
        var coverages = await db.Coverages.AsNoTracking().Where(which).OrderBy(c => c.Priority).ThenByDescending(c => c.StartsOn).Take(100).ToListAsync(ct);
        var payerIds = coverages.Select(c => c.PayerId).Distinct().ToList();
        var payers = await db.Payers.AsNoTracking().Where(p => payerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        return [.. coverages.Where(c => payers.ContainsKey(c.PayerId)).Select(c => BillingFhir.Build(c, payers[c.PayerId], today))];
    }

    /// <summary>Claims the payer has answered (RemittedAt set): a claim not yet adjudicated has no explanation of benefit.</summary>
    private static async Task<List<Resource>> BenefitsAsync(TactusDbContext db, System.Linq.Expressions.Expression<Func<Claims.Claim, bool>> which, CancellationToken ct)
    {
        var claims = await db.Claims.AsNoTracking().Where(which).Where(c => c.RemittedAt != null).OrderByDescending(c => c.RemittedAt).Take(100).ToListAsync(ct);
        var payerIds = claims.Select(c => c.PayerId).Distinct().ToList();
        var payers = await db.Payers.AsNoTracking().Where(p => payerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return [.. claims.Where(c => payers.ContainsKey(c.PayerId)).Select(c => BillingFhir.Build(c, payers[c.PayerId]))];
    }

    private static Guid PatientOf(Resource resource) => Guid.Parse(resource switch
    {
        Hl7.Fhir.Model.Coverage coverage => coverage.Beneficiary.Reference!["Patient/".Length..],
        ExplanationOfBenefit eob => eob.Patient.Reference!["Patient/".Length..],
        _ => throw new ArgumentOutOfRangeException(nameof(resource)),
    });
}
