using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// QuestionnaireResponse search: by patient (required, or the launch patient), questionnaire (its canonical URL,
/// Questionnaire/{code} or the code) and authored (ge, gt, le, lt), newest first in keyset pages.
/// </summary>
public static class FhirQuestionnaireResponses
{
    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> Parameters =
    [
        ("patient", SearchParamType.Reference), ("questionnaire", SearchParamType.Reference), ("authored", SearchParamType.Date),
    ];

    public static async Task<IResult> SearchAsync(HttpRequest request, TactusDbContext db, CancellationToken ct)
    {
        var query = request.Query;
        var unknown = FhirSearch.Unknown(query, Parameters);
        if (FhirSearch.RefuseIfStrict(request, unknown) is { } refused)
        {
            return refused;
        }

        var context = request.HttpContext.Features.Get<Smart.FhirPatientContext>();
        var patientText = query["patient"].ToString().Replace("Patient/", "", StringComparison.Ordinal);
        var count = 50;
        if (query.Keys.Where(k => k != "authored").Any(k => query[k].Count > 1)
            || (!Guid.TryParse(patientText, out var patientId) && (patientText.Length > 0 || context is null))
            || query["authored"].Any(d => d is null || FhirDates.Bound(d) is null)
            || (query.TryGetValue("_count", out var c) && (!int.TryParse(c.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 200))
            || (query.TryGetValue("_cursor", out var cursorText) && FhirSearch.ParseCursor(cursorText.ToString()) is null))
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                "QuestionnaireResponse search needs patient (Patient/{id}); questionnaire and _count once; authored with ge, gt, le or lt; a _cursor this server gave.");
        }

        patientId = patientText.Length == 0 ? context!.PatientId : patientId;
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var self = $"{request.Scheme}://{request.Host}{request.Path}";
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = self + request.QueryString });
        if (context is not null && context.PatientId != patientId)
        {
            return FhirApi.Resource(bundle);
        }

        var responses = db.MeasureResponses.AsNoTracking().Where(r => r.PatientId == patientId);
        if (query.TryGetValue("questionnaire", out var questionnaire))
        {
            // The canonical URL, Questionnaire/{code}, or the code: the instrument is the last segment.
            var instrument = questionnaire.ToString().TrimEnd('/').Split('/')[^1];
            responses = responses.Where(r => r.Instrument == instrument);
        }

        foreach (var value in query["authored"])
        {
            var (comparison, bound) = FhirDates.Bound(value!)!.Value;
            responses = comparison switch
            {
                "ge" => responses.Where(r => r.CompletedAt >= bound),
                "gt" => responses.Where(r => r.CompletedAt > bound),
                "le" => responses.Where(r => r.CompletedAt <= bound),
                _ => responses.Where(r => r.CompletedAt < bound),
            };
        }

        if (FhirSearch.ParseCursor(query["_cursor"].ToString()) is var (at, afterId))
        {
            responses = responses.Where(r => r.CompletedAt < at || (r.CompletedAt == at && r.Id.CompareTo(afterId) < 0));
        }

        var page = await responses.OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).Take(count + 1).ToListAsync(ct);
        if (page.Count > count)
        {
            var last = page[count - 1];
            var rest = query.Where(q => q.Key != "_cursor").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
            rest.Add(new("_cursor", FhirSearch.Cursor(last.CompletedAt, last.Id)));
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = QueryHelpers.AddQueryString(self, rest) });
        }

        foreach (var response in page.Take(count))
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{root}/fhir/QuestionnaireResponse/{response.Id}",
                Resource = QuestionnaireFhir.BuildResponse(response, root),
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        FhirSearch.ReportIgnored(bundle, unknown);
        return FhirApi.Resource(bundle);
    }
}
