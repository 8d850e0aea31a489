using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Diagnoses;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// A patient's diagnoses as Conditions: read, search by patient (and code), and create (an EHR's problem-list entry,
/// which then feeds screening). A patient's list is short, so a search answers it whole, up to <see cref="MaxResults"/>.
/// </summary>
public static class FhirConditions
{
    public const int MaxResults = 200;

    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> Parameters =
    [
        ("patient", SearchParamType.Reference), ("code", SearchParamType.Token),
    ];

    public static async Task<IResult> ReadAsync(string id, TactusDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var conditionId)
            || await db.Conditions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == conditionId, ct) is not { } condition
            || !FhirApi.InPatientContext(http, condition.PatientId))
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Condition/{id} is not known.");
        }

        return FhirApi.Resource(ConditionFhir.Build(condition));
    }

    public static async Task<IResult> SearchAsync(HttpRequest request, TactusDbContext db, CancellationToken ct)
    {
        var query = request.Query;
        var context = request.HttpContext.Features.Get<Smart.FhirPatientContext>();
        var patientText = query["patient"].ToString().Replace("Patient/", "", StringComparison.Ordinal);
        if (query.Keys.Any(k => query[k].Count > 1) || (!Guid.TryParse(patientText, out var patientId) && context is null))
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "Condition search needs patient (Patient/{id}), given once.");
        }

        patientId = patientText.Length == 0 ? context!.PatientId : patientId;
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}" });
        if (context is not null && context.PatientId != patientId)
        {
            return FhirApi.Resource(bundle);
        }

        var conditions = db.Conditions.AsNoTracking().Where(c => c.PatientId == patientId);
        if (query.TryGetValue("code", out var code))
        {
            var parts = code.ToString().Split('|');
            if (parts.Length == 2 && parts[0].Length > 0 && parts[0] != ReferralFhir.Icd10CmSystem)
            {
                return FhirApi.Resource(bundle); // Tactus codes conditions in ICD-10-CM only
            }

            var value = parts[^1];
            conditions = conditions.Where(c => c.Code == value);
        }

        foreach (var condition in await conditions.OrderBy(c => c.RecordedAt).ThenBy(c => c.Id).Take(MaxResults).ToListAsync(ct))
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{request.Scheme}://{request.Host}/fhir/Condition/{condition.Id}",
                Resource = ConditionFhir.Build(condition),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return FhirApi.Resource(bundle);
    }

    public static async Task<IResult> CreateAsync(HttpRequest request, TactusDbContext db, AccessScope scope, DiagnosisCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var body = await FhirRequestBody.ReadAsync<Condition>(request);
        if (body.Error is { } error)
        {
            return error;
        }

        var references = new ReferralFhirInput.StoredReferences(db);
        if (body.Resource!.Subject?.Reference is { } subject && references.Patient(subject) is { } patientId && !FhirApi.InPatientContext(request.HttpContext, patientId))
        {
            return FhirApi.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "A token launched for one patient can record that patient's conditions only.");
        }

        return (await ConditionFhir.CreateAsync(body.Resource, references, db, scope, catalog, time, ct)).ToResult(request);
    }
}
