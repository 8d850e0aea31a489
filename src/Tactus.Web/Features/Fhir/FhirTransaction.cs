using Hl7.Fhir.Model;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Diagnoses;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// <c>POST /fhir</c> with a transaction Bundle (FHIR R4 §3.1.0.11.2): an EHR sends the patient, their conditions and the
/// referral together, linked by <c>urn:uuid</c> references, and either all are stored or none is. Entries are created
/// in dependency order (Patient, then Condition, then ServiceRequest) inside one database transaction; the first entry
/// that fails rolls everything back and its OperationOutcome, naming the entry, is the answer.
/// </summary>
public static class FhirTransaction
{
    private static readonly string[] Order = ["Patient", "Condition", "ServiceRequest"];

    public static async Task<IResult> ProcessAsync(HttpRequest request, TactusDbContext db, PatientWorkflow patients, ReferralWorkflow referrals,
        AccessScope scope, DiagnosisCatalog catalog, TimeProvider time, CancellationToken ct)
    {
        var body = await FhirRequestBody.ReadAsync<Bundle>(request, FhirRequestBody.MaxBundleBytes);
        if (body.Error is { } error)
        {
            return error;
        }

        var bundle = body.Resource!;
        if (bundle.Type != Bundle.BundleType.Transaction)
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
                "POST /fhir takes a transaction Bundle (batch is not offered).");
        }

        var entries = bundle.Entry.Select((entry, index) => (Entry: entry, Index: index)).ToList();
        foreach (var (entry, index) in entries)
        {
            var type = entry.Resource?.TypeName;
            if (entry.Request?.Method != Bundle.HTTPVerb.POST || type is null || !Order.Contains(type) || entry.Request.Url != type)
            {
                return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
                    $"Entry {index + 1}: a transaction may create (POST) Patient, Condition and ServiceRequest resources, with request.url naming the type.");
            }

            if (!FhirScopeFilter.Permits(request.HttpContext, type, Smart.FhirPermission.Create))
            {
                return FhirApi.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, $"Entry {index + 1}: the app's token does not allow create on {type}.");
            }
        }

        if (entries.Select(e => e.Entry.FullUrl).Where(u => u is not null).GroupBy(u => u).Any(g => g.Count() > 1))
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, "Two entries share a fullUrl.");
        }

        var created = new Dictionary<string, Resource>(StringComparer.Ordinal);
        var references = new BundleReferences(db, created);
        var outcomes = new FhirWriteOutcome[entries.Count];
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var (entry, index) in entries.OrderBy(e => Array.IndexOf(Order, e.Entry.Resource!.TypeName)).ThenBy(e => e.Index))
        {
            FhirWriteOutcome outcome;
            try
            {
                outcome = entry.Resource switch
                {
                    Hl7.Fhir.Model.Patient patient => await FhirPatientWrites.CreateCoreAsync(patient, entry.Request!.IfNoneExist, patients, db, request.HttpContext.RequestServices, ct),
                    Hl7.Fhir.Model.Condition condition => await ConditionFhir.CreateAsync(condition, references, db, scope, catalog, time, ct),
                    _ => await FhirServiceRequests.CreateFromAsync((ServiceRequest)entry.Resource!, references, request.HttpContext, referrals, db, ct),
                };
            }
            catch (Web.DomainRuleException rule)
            {
                outcome = FhirWriteOutcome.Fail(rule.StatusCode, rule.StatusCode == 403 ? OperationOutcome.IssueType.Forbidden : OperationOutcome.IssueType.BusinessRule, rule.Message);
            }

            if (outcome.Failed)
            {
                // Nothing of the bundle is kept: leaving the using block without committing rolls the transaction back.
                foreach (var issue in outcome.Problem!.Issue)
                {
                    issue.Diagnostics = $"Entry {index + 1} ({entry.Resource!.TypeName}): {issue.Diagnostics}";
                }

                return new FhirResult(outcome.Problem, outcome.Status);
            }

            outcomes[index] = outcome;
            if (entry.FullUrl is { } fullUrl)
            {
                created[fullUrl] = outcome.Resource!;
            }
        }

        await transaction.CommitAsync(ct);
        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse };
        foreach (var outcome in outcomes)
        {
            var resource = outcome.Resource!;
            response.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{request.Scheme}://{request.Host}/fhir/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Response = new Bundle.ResponseComponent
                {
                    Status = outcome.Status == StatusCodes.Status201Created ? "201 Created" : "200 OK",
                    Location = $"{resource.TypeName}/{resource.Id}" + (outcome.Version is { } v ? $"/_history/{v}" : ""),
                    Etag = outcome.Version is { } version ? $"W/\"{version}\"" : null,
                    LastModified = outcome.LastModified,
                },
            });
        }

        return FhirApi.Resource(response);
    }

    /// <summary>References inside a transaction: <c>urn:uuid:</c> names an entry of the bundle already created; anything else, a stored resource.</summary>
    private sealed class BundleReferences(TactusDbContext db, IReadOnlyDictionary<string, Resource> created) : ReferralFhirInput.IReferences
    {
        private readonly ReferralFhirInput.StoredReferences _stored = new(db);

        public Guid? Patient(string reference) =>
            created.TryGetValue(reference, out var resource)
                ? resource is Hl7.Fhir.Model.Patient && Guid.TryParse(resource.Id, out var id) ? id : null
                : _stored.Patient(reference);

        public System.Threading.Tasks.Task<string?> ConditionCodeAsync(string reference, Guid patientId, CancellationToken ct) =>
            created.TryGetValue(reference, out var resource)
                ? System.Threading.Tasks.Task.FromResult(resource is Hl7.Fhir.Model.Condition condition && condition.Subject?.Reference == $"Patient/{patientId}"
                    ? condition.Code?.Coding.FirstOrDefault()?.Code : null)
                : _stored.ConditionCodeAsync(reference, patientId, ct);
    }
}
