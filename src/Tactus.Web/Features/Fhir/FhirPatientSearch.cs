using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Patients;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// <c>GET /fhir/Patient?…</c>: the product's own patient search (one index range, keyset pages) as a FHIR searchset.
/// Parameters it does not know are left out and reported in an OperationOutcome entry, or refused with
/// <c>Prefer: handling=strict</c> (FHIR R4 §3.1.1.4.1, "handling").
/// </summary>
public static class FhirPatientSearch
{
    /// <summary>The search parameters honoured, as the CapabilityStatement lists them.</summary>
    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> Parameters =
    [
        ("name", SearchParamType.String), ("family", SearchParamType.String), ("given", SearchParamType.String),
        ("birthdate", SearchParamType.Date), ("identifier", SearchParamType.Token), ("_lastUpdated", SearchParamType.Date),
        ("_summary", SearchParamType.Token), ("_revinclude", SearchParamType.Special), ("_id", SearchParamType.Token),
        ("gender", SearchParamType.Token),
    ];

    /// <summary>What a page of patients may bring along (FHIR R4 §3.1.1.5.4): their referrals and their observations.</summary>
    public static readonly IReadOnlyList<string> RevIncludes = [.. FhirIncludes.PatientOfServiceRequest, .. FhirIncludes.PatientOfObservation];

    public static async Task<IResult> SearchAsync(HttpRequest request, TactusDbContext db, Questionnaires.InstrumentCatalog catalog, CancellationToken ct)
    {
        var query = request.Query;
        var ignored = Unknown(query);
        if (FhirSearch.RefuseIfStrict(request, ignored) is { } refused)
        {
            return refused;
        }

        if (Criteria(query) is not { } parsed)
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, Problem(query)!);
        }

        if (parsed.OtherSystem)
        {
            // Another system's identifier: the EHR's own, kept for the patients that EHR registered (at most one).
            var found = query["identifier"].ToString().Split('|') is [var system, var value]
                ? await db.Patients.AsNoTracking().Where(p => p.ExternalSystem == system && p.ExternalId == value && p.MergedIntoId == null).ToListAsync(ct)
                : [];
            var launched = request.HttpContext.Features.Get<Smart.FhirPatientContext>();
            var matched = new Bundle { Type = Bundle.BundleType.Searchset };
            foreach (var patient in found.Where(p => launched is null || launched.PatientId == p.Id))
            {
                matched.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"{request.Scheme}://{request.Host}/fhir/Patient/{patient.Id}", Resource = PatientFhir.Build(patient),
                    Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
                });
            }

            return FhirApi.Resource(matched);
        }

        if (query.TryGetValue("_id", out var ids))
        {
            // _id: the patients named, as the caller may see them (the scoping applies; a launch sees its patient alone).
            var wanted = ids.ToString().Split(',').Select(i => Guid.TryParse(i, out var g) ? g : Guid.Empty).Take(PatientQueries.MaxPageSize).ToList();
            var launch = request.HttpContext.Features.Get<Smart.FhirPatientContext>();
            var named = await db.Patients.AsNoTracking().Where(p => wanted.Contains(p.Id) && (launch == null || p.Id == launch.PatientId)).ToListAsync(ct);
            var byId = new Bundle { Type = Bundle.BundleType.Searchset, Total = named.Count };
            foreach (var patient in named)
            {
                byId.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"{request.Scheme}://{request.Host}/fhir/Patient/{patient.Id}", Resource = PatientFhir.Build(patient),
                    Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
                });
            }

            return FhirApi.Resource(byId);
        }

        var criteria = parsed.Criteria;
        if (request.HttpContext.Features.Get<Smart.FhirPatientContext>() is { } context)
        {
            // A token for one patient finds that patient at most: the search runs on their MRN as well.
            var mrn = (await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == context.PatientId, ct))?.Mrn;
            if (mrn is null || (criteria.Mrn is { Length: > 0 } asked && asked != mrn))
            {
                return FhirApi.Resource(new Bundle { Type = Bundle.BundleType.Searchset });
            }

            criteria = criteria with { Mrn = mrn, MrnExact = true };
        }

        if (query["_summary"].ToString() == "count")
        {
            var counted = await db.SearchPatientsAsync(criteria with { CountOnly = true }, ct);
            return FhirApi.Resource(new Bundle { Type = Bundle.BundleType.Searchset, Total = counted.Total });
        }

        var page = await db.SearchPatientsAsync(criteria, ct);

        var self = $"{request.Scheme}://{request.Host}{request.Path}{request.QueryString}";
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = self });
        if (page.Next is { } next)
        {
            var rest = query.Where(q => q.Key != "_cursor").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
            bundle.Link.Add(new Bundle.LinkComponent
            {
                Relation = "next",
                Url = $"{request.Scheme}://{request.Host}{request.Path}?{string.Join("&", rest.Append($"_cursor={next}"))}",
            });
        }

        foreach (var patient in page.Items)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{request.Scheme}://{request.Host}/fhir/Patient/{patient.Id}",
                Resource = PatientFhir.Build(patient),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        if (await FhirIncludes.RevIncludeAsync(bundle, request, db, catalog, page.Items.Select(p => p.Id).ToList(), query["_revinclude"].ToString(), ct) is { } refusedInclude)
        {
            return refusedInclude;
        }

        FhirSearch.ReportIgnored(bundle, ignored);
        return FhirApi.Resource(bundle);
    }

    /// <summary>The honoured parameters as the product's search; null when a value is wrong (<see cref="Problem"/> says what).</summary>
    /// <param name="OtherSystem">The identifier names a system other than Tactus's MRNs: nothing can match.</param>
    public sealed record Parsed(PatientQueries.SearchCriteria Criteria, bool OtherSystem);

    public static Parsed? Criteria(IQueryCollection query)
    {
        if (Problem(query) is not null)
        {
            return null;
        }

        var count = query.TryGetValue("_count", out var c) ? int.Parse(c.ToString(), CultureInfo.InvariantCulture) : PatientQueries.DefaultPageSize;
        var birthDate = query.TryGetValue("birthdate", out var b) ? DateOnly.ParseExact(b.ToString().Replace("eq", "", StringComparison.Ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture) : (DateOnly?)null;
        var mrn = query.TryGetValue("identifier", out var i) ? i.ToString().Split('|')[^1] : null;
        var otherSystem = i.ToString().Split('|') is [var system, _] && system.Length > 0 && system != PatientFhir.MrnSystem;
        DateTimeOffset? updatedFrom = null, updatedBefore = null;
        if (query.TryGetValue("_lastUpdated", out var lastUpdated) && FhirDates.Bound(lastUpdated.ToString()) is var (comparison, at))
        {
            // As a half-open range: ge/gt set where it starts, le/lt where it stops.
            switch (comparison)
            {
                case "ge": updatedFrom = at; break;
                case "gt": updatedFrom = at.AddTicks(1); break;
                case "le": updatedBefore = at.AddTicks(1); break;
                default: updatedBefore = at; break;
            }
        }

        return new Parsed(new PatientQueries.SearchCriteria(
            query["name"].ToString(), birthDate, mrn, PageSize: count, After: query["_cursor"].ToString() is { Length: > 0 } cursor ? cursor : null,
            Family: query["family"].ToString(), Given: query["given"].ToString(), MrnExact: true, UpdatedFrom: updatedFrom, UpdatedBefore: updatedBefore,
            Sex: query.TryGetValue("gender", out var gender) ? Gender(gender.ToString()) : null), otherSystem);
    }

    private static AdministrativeSex? Gender(string token) => token.Split('|')[^1] switch
    {
        "male" => AdministrativeSex.Male,
        "female" => AdministrativeSex.Female,
        "other" => AdministrativeSex.Other,
        "unknown" => AdministrativeSex.Unknown,
        _ => null,
    };

    /// <summary>Parameters this search does not honour (reported, or refused when the client asks for strict handling).</summary>
    public static List<string> Unknown(IQueryCollection query) => FhirSearch.Unknown(query, Parameters);

    /// <summary>What is wrong with the values of the honoured parameters, in words a client's developer can act on.</summary>
    public static string? Problem(IQueryCollection query)
    {
        if (query.TryGetValue("_count", out var count)
            && (!int.TryParse(count.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1 || n > PatientQueries.MaxPageSize))
        {
            return $"_count must be a whole number from 1 to {PatientQueries.MaxPageSize}.";
        }

        if (query.TryGetValue("birthdate", out var birthdate)
            && !DateOnly.TryParseExact(birthdate.ToString().Replace("eq", "", StringComparison.Ordinal), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            return "birthdate must be a full date (yyyy-MM-dd), optionally with the prefix eq; other prefixes and partial dates are not supported.";
        }

        if (query.Keys.Any(k => query[k].Count > 1))
        {
            return "Each search parameter may be given once.";
        }

        if (query.TryGetValue("_lastUpdated", out var lastUpdated) && FhirDates.Bound(lastUpdated.ToString()) is null)
        {
            return "_lastUpdated takes ge, gt, le or lt with a day (yyyy-MM-dd) or a dateTime with its offset, e.g. _lastUpdated=ge2026-01-01.";
        }

        if (query.TryGetValue("gender", out var gender) && Gender(gender.ToString()) is null)
        {
            return "gender takes male, female, other or unknown (FHIR administrative-gender).";
        }

        if (query.TryGetValue("_summary", out var summary) && summary.ToString() != "count")
        {
            return "_summary is supported as _summary=count.";
        }

        if (query.TryGetValue("_revinclude", out var revInclude) && !RevIncludes.Contains(revInclude.ToString()))
        {
            return $"_revinclude takes one of {string.Join(", ", RevIncludes)}.";
        }

        if (query.TryGetValue("_cursor", out var cursor) && !PatientQueries.IsValidCursor(cursor.ToString()))
        {
            return "_cursor is not one this server gave; follow the bundle's next link.";
        }

        return null;
    }
}
