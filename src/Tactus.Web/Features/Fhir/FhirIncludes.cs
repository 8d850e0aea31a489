using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// <c>_include</c> and <c>_revinclude</c> (FHIR R4 §3.1.1.5.4) for the pairs integrators use: a page of referrals or
/// scores with their patients, and a page of patients with their referrals or scores. What is brought along is read
/// under the same scoping and audit as a search of it, only by a caller who may read that type, and in bounded number.
/// </summary>
public static class FhirIncludes
{
    /// <summary>At most this many resources are brought along with one page; a client reads the rest by searching for them.</summary>
    public const int MaxIncluded = 200;

    public static readonly IReadOnlyList<string> PatientOfServiceRequest = ["ServiceRequest:patient", "ServiceRequest:subject"];
    public static readonly IReadOnlyList<string> PatientOfObservation = ["Observation:patient", "Observation:subject"];

    /// <summary>The page's patients, added as include entries.</summary>
    public static async System.Threading.Tasks.Task IncludePatientsAsync(Bundle bundle, HttpRequest request, TactusDbContext db, IReadOnlyCollection<Guid> patientIds, CancellationToken ct)
    {
        var ids = patientIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        foreach (var patient in await db.Patients.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct))
        {
            Add(bundle, request, PatientFhir.Build(patient));
        }
    }

    /// <summary>
    /// The referrals or scores of a page's patients; a 403 outcome when the caller may not read that type (the role, or the
    /// token's scopes), null when all is well.
    /// </summary>
    public static async Task<IResult?> RevIncludeAsync(Bundle bundle, HttpRequest request, TactusDbContext db, InstrumentCatalog catalog,
        IReadOnlyCollection<Guid> patientIds, string revInclude, CancellationToken ct)
    {
        if (revInclude.Length == 0)
        {
            return null;
        }

        var type = revInclude.Split(':')[0];
        var role = request.HttpContext.RequestServices.GetRequiredService<AccessScope>().Role;
        if (!PatientAccessRules.CanReadClinicalRecords(role) || !FhirScopeFilter.Permits(request.HttpContext, type, FhirPermission.Search))
        {
            return FhirApi.Outcome(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, $"The caller may not read {type}, so it cannot be included.");
        }

        var ids = patientIds.ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        List<Resource> found;
        if (type == "ServiceRequest")
        {
            var referrals = await db.Referrals.AsNoTracking().Include(r => r.StatusChanges).Where(r => ids.Contains(r.PatientId))
                .OrderByDescending(r => r.CreatedAt).Take(MaxIncluded + 1).AsSplitQuery().ToListAsync(ct);
            var names = await FhirServiceRequests.NamesAsync(db, referrals, ct);
            found = [.. referrals.Select(r => ReferralFhir.Build(r, names))];
        }
        else
        {
            var responses = await db.MeasureResponses.AsNoTracking().Where(r => ids.Contains(r.PatientId))
                .OrderByDescending(r => r.CompletedAt).Take(MaxIncluded + 1).ToListAsync(ct);
            found = [.. responses.Select(r => ObservationFhir.Build(r, catalog.Find(r.Instrument)))];
        }

        foreach (var resource in found.Take(MaxIncluded))
        {
            Add(bundle, request, resource);
        }

        if (found.Count > MaxIncluded)
        {
            var outcome = FhirApi.OperationOutcomeFor(StatusCodes.Status200OK, OperationOutcome.IssueType.TooCostly,
                $"Only the newest {MaxIncluded} {type} resources of these patients are included; search {type}?patient= for the rest.");
            outcome.Issue[0].Severity = OperationOutcome.IssueSeverity.Warning;
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = outcome, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome } });
        }

        return null;
    }

    private static void Add(Bundle bundle, HttpRequest request, Resource resource) =>
        bundle.Entry.Add(new Bundle.EntryComponent
        {
            FullUrl = $"{request.Scheme}://{request.Host}/fhir/{resource.TypeName}/{resource.Id}",
            Resource = resource,
            Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Include },
        });
}
