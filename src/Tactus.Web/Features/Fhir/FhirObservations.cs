using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Questionnaires;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// Questionnaire scores and the pain and stress ratings of each visit as Observations: read, and search by patient
/// (required, as FHIR servers commonly ask), code (LOINC, Tactus's instrument or session-measure code), category and date
/// (ge, gt, le, lt), newest first in keyset pages.
/// </summary>
public static class FhirObservations
{
    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> Parameters =
    [
        ("patient", SearchParamType.Reference), ("code", SearchParamType.Token), ("category", SearchParamType.Token), ("date", SearchParamType.Date),
        ("_include", SearchParamType.Special), ("_sort", SearchParamType.Special), ("_id", SearchParamType.Token),
    ];

    public static async Task<IResult> ReadAsync(string id, TactusDbContext db, InstrumentCatalog catalog, HttpContext http, CancellationToken ct)
    {
        Observation? found = null;
        if (Guid.TryParse(id, out var responseId))
        {
            if (await db.MeasureResponses.AsNoTracking().SingleOrDefaultAsync(r => r.Id == responseId, ct) is { } response && FhirApi.InPatientContext(http, response.PatientId))
            {
                found = ObservationFhir.Build(response, catalog.Find(response.Instrument));
            }
        }
        else if (SessionObservationFhir.ParseId(id) is var (sessionId, measure)
                 && await db.TreatmentSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct) is { } session && FhirApi.InPatientContext(http, session.PatientId))
        {
            found = SessionObservationFhir.Build(session, [measure]).SingleOrDefault();
        }

        return found is null
            ? FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Observation/{id} is not known.")
            : FhirApi.Resource(found);
    }

    public static async Task<IResult> SearchAsync(HttpRequest request, TactusDbContext db, InstrumentCatalog catalog, CancellationToken ct)
    {
        var query = request.Query;
        var unknown = FhirSearch.Unknown(query, Parameters);
        if (FhirSearch.RefuseIfStrict(request, unknown) is { } refused)
        {
            return refused;
        }

        if (FhirSearch.RefuseOtherSort(query, "-date") is { } unsorted)
        {
            return unsorted;
        }

        var context = request.HttpContext.Features.Get<Smart.FhirPatientContext>();
        if (Problem(query, context is not null) is { } problem)
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid, problem);
        }

        var patientId = query.TryGetValue("patient", out var p) ? Guid.Parse(p.ToString().Replace("Patient/", "", StringComparison.Ordinal)) : context!.PatientId;
        var empty = new Bundle { Type = Bundle.BundleType.Searchset };
        if (context is not null && context.PatientId != patientId)
        {
            return FhirApi.Resource(empty);
        }

        var responses = db.MeasureResponses.AsNoTracking().Where(r => r.PatientId == patientId);
        List<Guid>? wantedScores = null;
        List<(Guid Session, string Measure)>? wantedRatings = null;
        if (query.TryGetValue("_id", out var ids))
        {
            // _id names scores (their ids) and visit ratings ({visit}-{measure}); each kind is looked up by its key.
            var named = ids.ToString().Split(',');
            wantedScores = [.. named.Select(i => Guid.TryParse(i, out var g) ? g : (Guid?)null).OfType<Guid>()];
            wantedRatings = [.. named.Select(SessionObservationFhir.ParseId).OfType<(Guid, string)>()];
            var scoreIds = wantedScores;
            responses = responses.Where(r => scoreIds.Contains(r.Id));
        }
        if (query.TryGetValue("category", out var category) && category.ToString().Split('|')[^1] != "survey")
        {
            return FhirApi.Resource(empty); // every score Tactus serves is a survey
        }

        // Two sources, one newest-first keyset: questionnaire scores by (CompletedAt, Id) and visits' pain and stress ratings by
        // (CheckedInAt, Id). Each source gives at most a page of rows in SQL; the two are merged here, and a visit's ratings
        // stay together on one page.
        var sessions = db.TreatmentSessions.AsNoTracking().Where(s => s.PatientId == patientId);
        IReadOnlyList<string>? measures = null;
        if (wantedRatings is not null)
        {
            var visitIds = wantedRatings.Select(w => w.Session).Distinct().ToList();
            sessions = sessions.Where(s => visitIds.Contains(s.Id));
            measures = [.. wantedRatings.Select(w => w.Measure).Distinct()];
        }

        if (query.TryGetValue("code", out var code))
        {
            var instruments = Instruments(code.ToString(), catalog);
            responses = responses.Where(r => instruments.Contains(r.Instrument));
            var coded = SessionObservationFhir.MeasuresFor(code.ToString());
            measures = measures is null ? coded : [.. measures.Intersect(coded)];
        }

        foreach (var value in query["date"])
        {
            var (comparison, at) = FhirDates.Bound(value!)!.Value;
            (responses, sessions) = comparison switch
            {
                "ge" => (responses.Where(r => r.CompletedAt >= at), sessions.Where(s => s.CheckedInAt >= at)),
                "gt" => (responses.Where(r => r.CompletedAt > at), sessions.Where(s => s.CheckedInAt > at)),
                "le" => (responses.Where(r => r.CompletedAt <= at), sessions.Where(s => s.CheckedInAt <= at)),
                _ => (responses.Where(r => r.CompletedAt < at), sessions.Where(s => s.CheckedInAt < at)),
            };
        }

        if (query.TryGetValue("_cursor", out var cursor) && FhirSearch.ParseCursor(cursor.ToString()) is var (cursorAt, afterId))
        {
            responses = responses.Where(r => r.CompletedAt < cursorAt || (r.CompletedAt == cursorAt && r.Id.CompareTo(afterId) < 0));
            sessions = sessions.Where(s => s.CheckedInAt < cursorAt || (s.CheckedInAt == cursorAt && s.Id.CompareTo(afterId) < 0));
        }

        var count = query.TryGetValue("_count", out var c) ? int.Parse(c.ToString(), CultureInfo.InvariantCulture) : 50;
        var scores = await responses.OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).Take(count + 1).ToListAsync(ct);
        var visits = measures is { Count: 0 } ? []
            : await sessions.OrderByDescending(s => s.CheckedInAt).ThenByDescending(s => s.Id).Take(count + 1).ToListAsync(ct);
        var rows = scores.Select(r => (At: r.CompletedAt, r.Id, Resources: (IReadOnlyList<Observation>)[ObservationFhir.Build(r, catalog.Find(r.Instrument))]))
            .Concat(visits.Select(s => (At: s.CheckedInAt, s.Id, Resources: (IReadOnlyList<Observation>)SessionObservationFhir.Build(s, measures).ToList())))
            .Where(row => row.Resources.Count > 0)
            .OrderByDescending(row => row.At).ThenByDescending(row => row.Id).ToList();
        var self = $"{request.Scheme}://{request.Host}{request.Path}";
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = self + request.QueryString });
        var taken = 0;
        foreach (var row in rows)
        {
            if (bundle.Entry.Count > 0 && bundle.Entry.Count + row.Resources.Count > count)
            {
                break; // a visit's ratings are not split across pages
            }

            foreach (var observation in row.Resources)
            {
                bundle.Entry.Add(new Bundle.EntryComponent
                {
                    FullUrl = $"{request.Scheme}://{request.Host}/fhir/Observation/{observation.Id}",
                    Resource = observation,
                    Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
                });
            }

            taken++;
        }

        // More remain when rows were left over, or when either source was cut at its page size.
        if (taken < rows.Count || scores.Count > count || visits.Count > count)
        {
            var last = rows[taken - 1];
            var rest = query.Where(q => q.Key != "_cursor").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
            rest.Add(new("_cursor", FhirSearch.Cursor(last.At, last.Id)));
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = QueryHelpers.AddQueryString(self, rest) });
        }

        if (query.ContainsKey("_include") && bundle.Entry.Count > 0)
        {
            await FhirIncludes.IncludePatientsAsync(bundle, request, db, [patientId], ct);
        }

        FhirSearch.ReportIgnored(bundle, unknown);
        return FhirApi.Resource(bundle);
    }

    /// <summary>The instruments a code token names: a LOINC total code (several instruments may share none), or Tactus's instrument code.</summary>
    private static List<string> Instruments(string token, InstrumentCatalog catalog)
    {
        var parts = token.Split('|');
        var (system, value) = parts.Length == 2 ? (parts[0], parts[1]) : ("", parts[0]);
        return catalog.Instruments.Where(i =>
                ((system is "" or ObservationFhir.LoincSystem) && i.Loinc.GetValueOrDefault("total") == value)
                || ((system is "" or Reports.ReportFhir.InstrumentSystem) && string.Equals(i.Code, value, StringComparison.OrdinalIgnoreCase)))
            .Select(i => i.Code).ToList();
    }

    private static string? Problem(IQueryCollection query, bool hasPatientContext)
    {
        if (query.Keys.Where(k => k != "date").Any(k => query[k].Count > 1))
        {
            return "Each search parameter other than date may be given once.";
        }

        if (!query.ContainsKey("patient") && !hasPatientContext)
        {
            return "Observation search needs patient (Patient/{id}); a whole population is read with Bulk Data.";
        }

        if (query.TryGetValue("patient", out var patient) && !Guid.TryParse(patient.ToString().Replace("Patient/", "", StringComparison.Ordinal), out _))
        {
            return "patient takes a Patient id (or Patient/{id}).";
        }

        if (query.TryGetValue("_count", out var count) && (!int.TryParse(count.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > 200))
        {
            return "_count must be a whole number from 1 to 200.";
        }

        if (query["date"].Any(d => d is null || FhirDates.Bound(d) is null))
        {
            return "date takes ge, gt, le or lt with a day (yyyy-MM-dd) or a dateTime with its offset, e.g. date=ge2026-01-01.";
        }

        if (query.TryGetValue("_cursor", out var cursor) && FhirSearch.ParseCursor(cursor.ToString()) is null)
        {
            return "_cursor is not one this server gave; follow the bundle's next link.";
        }

        if (query.TryGetValue("_include", out var include) && !FhirIncludes.PatientOfObservation.Contains(include.ToString()))
        {
            return $"_include takes {string.Join(" or ", FhirIncludes.PatientOfObservation)}.";
        }

        return null;
    }
}
