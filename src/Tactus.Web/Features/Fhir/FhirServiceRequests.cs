using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// Referrals as ServiceRequests: read, search (patient, status, identifier; newest first, keyset pages) and create, the
/// EHR's inbound referral, through the same workflow and work-list as a referral made in Tactus. A create naming the
/// EHR's order identifier is idempotent: the store holds one referral per identifier, so a retry finds the first.
/// </summary>
public static class FhirServiceRequests
{
    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> Parameters =
    [
        ("patient", SearchParamType.Reference), ("status", SearchParamType.Token), ("identifier", SearchParamType.Token), ("_include", SearchParamType.Special), ("_sort", SearchParamType.Special),
        ("_id", SearchParamType.Token), ("requester", SearchParamType.Reference), ("authored", SearchParamType.Date), ("code", SearchParamType.Token),
    ];

    public static async Task<IResult> ReadAsync(string id, TactusDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var referralId)
            || await db.Referrals.AsNoTracking().Include(r => r.StatusChanges).SingleOrDefaultAsync(r => r.Id == referralId, ct) is not { } referral
            || !FhirApi.InPatientContext(http, referral.PatientId))
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"ServiceRequest/{id} is not known.");
        }

        return FhirApi.Resource(ReferralFhir.Build(referral, await NamesAsync(db, [referral], ct)));
    }

    public static async Task<IResult> SearchAsync(HttpRequest request, TactusDbContext db, CancellationToken ct)
    {
        var query = request.Query;
        var unknown = FhirSearch.Unknown(query, Parameters);
        if (FhirSearch.RefuseIfStrict(request, unknown) is { } refused)
        {
            return refused;
        }

        if (FhirSearch.RefuseOtherSort(query, "-authored", "-_lastUpdated") is { } unsorted)
        {
            return unsorted;
        }

        if (Problem(query) is { } problem)
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, problem);
        }

        var count = query.TryGetValue("_count", out var c) ? int.Parse(c.ToString(), CultureInfo.InvariantCulture) : 25;
        var referrals = db.Referrals.AsNoTracking();
        if (query.TryGetValue("_id", out var ids))
        {
            var wanted = ids.ToString().Split(',').Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).ToList();
            referrals = referrals.Where(r => wanted.Contains(r.Id));
        }
        Guid? patientId = query.TryGetValue("patient", out var p) ? Guid.Parse(p.ToString().Replace("Patient/", "", StringComparison.Ordinal)) : null;
        if (request.HttpContext.Features.Get<Smart.FhirPatientContext>() is { } context)
        {
            if (patientId is { } asked && asked != context.PatientId)
            {
                return FhirApi.Resource(new Bundle { Type = Bundle.BundleType.Searchset });
            }

            patientId = context.PatientId;
        }

        if (patientId is { } patient)
        {
            referrals = referrals.Where(r => r.PatientId == patient);
        }

        if (query.TryGetValue("requester", out var requester)
            && Guid.TryParse(requester.ToString().Replace("Practitioner/", "", StringComparison.Ordinal), out var practitionerId))
        {
            // The requester is the referring clinician, served as a Practitioner: found by that record's user.
            var clinician = await db.Practitioners.AsNoTracking().Where(p => p.Id == practitionerId).Select(p => (Guid?)p.UserId).SingleOrDefaultAsync(ct);
            referrals = referrals.Where(r => r.ReferringClinicianId == (clinician ?? Guid.Empty));
        }

        foreach (var authored in query["authored"])
        {
            var (comparison, bound) = FhirDates.Bound(authored!)!.Value;
            referrals = comparison switch
            {
                "ge" => referrals.Where(r => r.CreatedAt >= bound),
                "gt" => referrals.Where(r => r.CreatedAt > bound),
                "le" => referrals.Where(r => r.CreatedAt <= bound),
                _ => referrals.Where(r => r.CreatedAt < bound),
            };
        }

        if (query.TryGetValue("code", out var code) && code.ToString().Split('|') is var parts
            && !(parts[^1] == ReferralFhir.ServiceCode && (parts.Length == 1 || parts[0] is "" or ReferralFhir.ServiceSystem)))
        {
            return FhirApi.Resource(new Bundle { Type = Bundle.BundleType.Searchset }); // every referral is for medical massage
        }

        if (query.TryGetValue("status", out var s))
        {
            var statuses = s.ToString().Split(',').SelectMany(v => ReferralFhir.StatusesFor(Enum.Parse<RequestStatus>(v.Replace("-", "", StringComparison.Ordinal), ignoreCase: true))).ToList();
            referrals = referrals.Where(r => statuses.Contains(r.Status));
        }

        if (query.TryGetValue("identifier", out var i) && i.ToString().Split('|') is [var system, var value])
        {
            referrals = referrals.Where(r => r.ExternalSystem == system && r.ExternalId == value);
        }

        if (query.TryGetValue("_cursor", out var cursor) && FhirSearch.ParseCursor(cursor.ToString()) is var (createdAt, afterId))
        {
            referrals = referrals.Where(r => r.CreatedAt < createdAt || (r.CreatedAt == createdAt && r.Id.CompareTo(afterId) < 0));
        }

        var page = await referrals.Include(r => r.StatusChanges).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(count + 1).AsSplitQuery().ToListAsync(ct);
        var names = await NamesAsync(db, page, ct);
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        var self = $"{request.Scheme}://{request.Host}{request.Path}";
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = self + request.QueryString });
        if (page.Count > count)
        {
            var last = page[count - 1];
            var rest = query.Where(q => q.Key != "_cursor").ToDictionary(q => q.Key, q => (string?)q.Value.ToString());
            rest["_cursor"] = FhirSearch.Cursor(last.CreatedAt, last.Id);
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = QueryHelpers.AddQueryString(self, rest) });
        }

        foreach (var referral in page.Take(count))
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{request.Scheme}://{request.Host}/fhir/ServiceRequest/{referral.Id}",
                Resource = ReferralFhir.Build(referral, names),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        if (query.ContainsKey("_include"))
        {
            await FhirIncludes.IncludePatientsAsync(bundle, request, db, page.Take(count).Select(r => r.PatientId).ToList(), ct);
        }

        FhirSearch.ReportIgnored(bundle, unknown);
        return FhirApi.Resource(bundle);
    }

    /// <summary>
    /// Create (and with <c>If-None-Exist: identifier=system|value</c> a conditional create, R4 §3.1.0.8.1). With or without
    /// the header, a ServiceRequest carrying an identifier Tactus already holds answers 200 with that referral.
    /// </summary>
    public static async Task<IResult> CreateAsync(HttpRequest request, ReferralWorkflow workflow, TactusDbContext db, CancellationToken ct)
    {
        var body = await FhirRequestBody.ReadAsync<ServiceRequest>(request);
        if (body.Error is { } error)
        {
            return error;
        }

        if (request.Headers["If-None-Exist"].ToString() is { Length: > 0 } condition)
        {
            var parsed = QueryHelpers.ParseQuery(condition.StartsWith('?') ? condition : "?" + condition);
            if (parsed.Count != 1 || !parsed.TryGetValue("identifier", out var identifier) || identifier.ToString().Split('|') is not [{ Length: > 0 } system, { Length: > 0 } value])
            {
                return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                    "If-None-Exist on ServiceRequest takes identifier=system|value (the referring system's order identifier).");
            }

            if (await FindAsync(db, system, value, ct) is { } found)
            {
                return new FhirWriteOutcome(ReferralFhir.Build(found, await NamesAsync(db, [found], ct)), StatusCodes.Status200OK).ToResult(request);
            }
        }

        return (await CreateFromAsync(body.Resource!, new ReferralFhirInput.StoredReferences(db), request.HttpContext, workflow, db, ct)).ToResult(request);
    }

    /// <summary>The create itself, shared with the transaction bundle (which resolves urn:uuid references first).</summary>
    public static async Task<FhirWriteOutcome> CreateFromAsync(ServiceRequest resource, ReferralFhirInput.IReferences references, HttpContext http,
        ReferralWorkflow workflow, TactusDbContext db, CancellationToken ct)
    {
        var (input, problems) = await ReferralFhirInput.ReadAsync(resource, references, db, http.RequestServices, ct);
        if (problems is not null)
        {
            return FhirWriteOutcome.Invalid(problems);
        }

        if (!FhirApi.InPatientContext(http, input!.PatientId!.Value))
        {
            return FhirWriteOutcome.Fail(StatusCodes.Status403Forbidden, OperationOutcome.IssueType.Forbidden, "A token launched for one patient can refer that patient only.");
        }

        if (input.ExternalIdentifier is var (system, value) && await FindAsync(db, system, value, ct) is { } existing)
        {
            return new FhirWriteOutcome(ReferralFhir.Build(existing, await NamesAsync(db, [existing], ct)), StatusCodes.Status200OK);
        }

        Referral referral;
        try
        {
            referral = await workflow.CreateAsync(input, ct);
        }
        catch (DbUpdateException) when (input.ExternalIdentifier is not null && db.Database.CurrentTransaction is null)
        {
            // A concurrent retry of the same order committed first (the unique index refused this one): answer with it.
            var (s, v) = input.ExternalIdentifier.Value;
            var first = await FindAsync(db, s, v, ct) ?? throw new InvalidOperationException("The referral could not be stored.");
            return new FhirWriteOutcome(ReferralFhir.Build(first, await NamesAsync(db, [first], ct)), StatusCodes.Status200OK);
        }

        return new FhirWriteOutcome(ReferralFhir.Build(referral, await NamesAsync(db, [referral], ct)), StatusCodes.Status201Created, LastModified: referral.CreatedAt);
    }

    private static Task<Referral?> FindAsync(TactusDbContext db, string system, string value, CancellationToken ct) =>
        db.Referrals.AsNoTracking().Include(r => r.StatusChanges).SingleOrDefaultAsync(r => r.ExternalSystem == system && r.ExternalId == value, ct);

    /// <summary>The names of the clinicians and therapists the page's referrals name, in one query.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> NamesAsync(TactusDbContext db, IReadOnlyCollection<Referral> referrals, CancellationToken ct)
    {
        var ids = referrals.Select(r => r.ReferringClinicianId).Concat(referrals.Select(r => r.AssignedTherapistId).OfType<Guid>()).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }

    private static string? Problem(IQueryCollection query)
    {
        if (query.Keys.Where(k => k != "authored").Any(k => query[k].Count > 1))
        {
            return "Each search parameter other than authored may be given once.";
        }

        if (query["authored"].Any(a => a is null || FhirDates.Bound(a) is null))
        {
            return "authored takes ge, gt, le or lt with a day (yyyy-MM-dd) or a dateTime with its offset.";
        }

        if (query.TryGetValue("requester", out var requester) && !Guid.TryParse(requester.ToString().Replace("Practitioner/", "", StringComparison.Ordinal), out _))
        {
            return "requester takes a Practitioner id (or Practitioner/{id}).";
        }

        if (query.TryGetValue("_include", out var include) && !FhirIncludes.PatientOfServiceRequest.Contains(include.ToString()))
        {
            return $"_include takes {string.Join(" or ", FhirIncludes.PatientOfServiceRequest)}.";
        }

        if (query.TryGetValue("_count", out var count) && (!int.TryParse(count.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 100))
        {
            return "_count must be a whole number from 1 to 100.";
        }

        if (query.TryGetValue("patient", out var patient) && !Guid.TryParse(patient.ToString().Replace("Patient/", "", StringComparison.Ordinal), out _))
        {
            return "patient takes a Patient id (or Patient/{id}).";
        }

        if (query.TryGetValue("status", out var status)
            && status.ToString().Split(',').Any(v => !Enum.TryParse<RequestStatus>(v.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || v.Any(char.IsDigit)))
        {
            return "status takes draft, active, on-hold, revoked, completed, entered-in-error or unknown.";
        }

        if (query.TryGetValue("identifier", out var identifier) && identifier.ToString().Split('|') is not [{ Length: > 0 }, { Length: > 0 }])
        {
            return "identifier takes system|value.";
        }

        if (query.TryGetValue("_cursor", out var cursor) && FhirSearch.ParseCursor(cursor.ToString()) is null)
        {
            return "_cursor is not one this server gave; follow the bundle's next link.";
        }

        return null;
    }
}
