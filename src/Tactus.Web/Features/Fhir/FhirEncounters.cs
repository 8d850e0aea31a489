using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// Visits as Encounters and the techniques given as Procedures: read, and search by patient (required) and date (ge, gt,
/// le, lt), newest visit first in keyset pages. A Procedure page ends at a visit's boundary, so a visit's techniques are never split.
/// </summary>
public static class FhirEncounters
{
    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> Parameters = [("patient", SearchParamType.Reference), ("date", SearchParamType.Date), ("status", SearchParamType.Token), ("_sort", SearchParamType.Special)];

    /// <summary>A Procedure is also found by its code, the technique (Tactus's technique system, or the bare id).</summary>
    public static readonly IReadOnlyList<(string Name, SearchParamType Type)> ProcedureParameters = [.. Parameters, ("code", SearchParamType.Token)];

    public static async Task<IResult> ReadEncounterAsync(string id, TactusDbContext db, HttpContext http, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var sessionId) || await FindAsync(db, sessionId, http, ct) is not { } session)
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Encounter/{id} is not known.");
        }

        return FhirApi.Resource(EncounterFhir.Build(session, await TherapistNameAsync(db, session.TherapistId, ct)));
    }

    public static async Task<IResult> ReadProcedureAsync(string id, TactusDbContext db, ClinicalReference reference, HttpContext http, CancellationToken ct)
    {
        if (EncounterFhir.ParseProcedureId(id) is not var (sessionId, index) || await FindAsync(db, sessionId, http, ct) is not { } session
            || EncounterFhir.Procedures(session, reference).ElementAtOrDefault(index) is not { } procedure)
        {
            return FhirApi.Outcome(StatusCodes.Status404NotFound, OperationOutcome.IssueType.NotFound, $"Procedure/{id} is not known.");
        }

        return FhirApi.Resource(procedure);
    }

    public static Task<IResult> SearchEncountersAsync(HttpRequest request, TactusDbContext db, CancellationToken ct) =>
        SearchAsync(request, db, "Encounter", async (sessions, _) =>
        {
            var names = await NamesAsync(db, sessions, ct);
            return sessions.Select(s => ((Resource)EncounterFhir.Build(s, names.GetValueOrDefault(s.TherapistId)), s)).ToList();
        }, ct);

    public static Task<IResult> SearchProceduresAsync(HttpRequest request, TactusDbContext db, ClinicalReference reference, CancellationToken ct)
    {
        // The techniques live in the note's document, so the code narrows each page of visits (a page may hold fewer, and its
        // next link goes on from the last visit read).
        var code = request.Query["code"].ToString().Split('|');
        bool Wanted(Procedure procedure) => code is [""] || procedure.Code!.Coding.Any(c => c.Code == code[^1] && (code.Length == 1 || code[0] is "" || code[0] == c.System));
        return SearchAsync(request, db, "Procedure", (sessions, _) =>
            System.Threading.Tasks.Task.FromResult(sessions.SelectMany(s => EncounterFhir.Procedures(s, reference).Where(Wanted).Select(p => ((Resource)p, s))).ToList()), ct);
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, TactusDbContext db, string type,
        Func<List<TreatmentSession>, CancellationToken, Task<List<(Resource Resource, TreatmentSession Session)>>> build, CancellationToken ct)
    {
        var query = request.Query;
        var unknown = FhirSearch.Unknown(query, type == "Procedure" ? ProcedureParameters : Parameters);
        if (FhirSearch.RefuseIfStrict(request, unknown) is { } refused)
        {
            return refused;
        }

        if (FhirSearch.RefuseOtherSort(query, "-date") is { } unsorted)
        {
            return unsorted;
        }

        var context = request.HttpContext.Features.Get<Smart.FhirPatientContext>();
        var patientText = query["patient"].ToString().Replace("Patient/", "", StringComparison.Ordinal);
        var count = 25;
        if (query.Keys.Where(k => k != "date").Any(k => query[k].Count > 1) || (!Guid.TryParse(patientText, out var patientId) && context is null)
            || query["date"].Any(d => d is null || FhirDates.Bound(d) is null)
            || (query.TryGetValue("_count", out var c) && (!int.TryParse(c.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > 100))
            || (query.TryGetValue("_cursor", out var cursorText) && FhirSearch.ParseCursor(cursorText.ToString()) is null))
        {
            return FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                $"{type} search needs patient (Patient/{{id}}), each parameter once (date may bound both ends, e.g. date=ge2026-01-01&date=lt2026-02-01), _count from 1 to 100, and a _cursor this server gave.");
        }

        patientId = patientText.Length == 0 ? context!.PatientId : patientId;
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset };
        var self = $"{request.Scheme}://{request.Host}{request.Path}";
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = self + request.QueryString });
        if (context is not null && context.PatientId != patientId)
        {
            return FhirApi.Resource(bundle);
        }

        var sessions = db.TreatmentSessions.AsNoTracking().Where(s => s.PatientId == patientId);
        if (query.TryGetValue("status", out var status))
        {
            // Encounter: finished once the note is signed, in-progress before (Procedure: completed / in-progress).
            sessions = status.ToString() switch
            {
                "finished" or "completed" => sessions.Where(s => s.Status == SessionStatus.Signed),
                "in-progress" => sessions.Where(s => s.Status != SessionStatus.Signed),
                _ => sessions.Where(s => false),
            };
        }

        foreach (var value in query["date"])
        {
            // A visit's date is when the patient checked in (Encounter.period.start, Procedure.performed).
            var (comparison, bound) = FhirDates.Bound(value!)!.Value;
            sessions = comparison switch
            {
                "ge" => sessions.Where(s => s.CheckedInAt >= bound),
                "gt" => sessions.Where(s => s.CheckedInAt > bound),
                "le" => sessions.Where(s => s.CheckedInAt <= bound),
                _ => sessions.Where(s => s.CheckedInAt < bound),
            };
        }
        if (FhirSearch.ParseCursor(query["_cursor"].ToString()) is var (at, afterId))
        {
            sessions = sessions.Where(s => s.CheckedInAt < at || (s.CheckedInAt == at && s.Id.CompareTo(afterId) < 0));
        }

        var page = await sessions.OrderByDescending(s => s.CheckedInAt).ThenByDescending(s => s.Id).Take(count + 1).ToListAsync(ct);
        var rows = await build(page, ct);
        var included = new List<(Resource Resource, TreatmentSession Session)>();
        TreatmentSession? last = null;
        foreach (var group in rows.GroupBy(r => r.Session.Id, r => r))
        {
            var items = group.ToList();
            if (included.Count > 0 && included.Count + items.Count > count)
            {
                break;
            }

            included.AddRange(items);
            last = items[0].Session;
        }

        // Resume after the last visit whose resources are on this page; a page of visits with nothing to show (drafts
        // with no technique yet) resumes after the last visit read.
        var resumeAfter = last ?? (page.Count > count ? page[count - 1] : null);
        if (resumeAfter is not null && (page.Count > count || rows.Count > included.Count))
        {
            var rest = query.Where(q => q.Key != "_cursor").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))).ToList();
            rest.Add(new("_cursor", FhirSearch.Cursor(resumeAfter.CheckedInAt, resumeAfter.Id)));
            bundle.Link.Add(new Bundle.LinkComponent { Relation = "next", Url = QueryHelpers.AddQueryString(self, rest) });
        }

        foreach (var (resource, _) in included)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{request.Scheme}://{request.Host}/fhir/{resource.TypeName}/{resource.Id}",
                Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        FhirSearch.ReportIgnored(bundle, unknown);
        return FhirApi.Resource(bundle);
    }

    private static async Task<TreatmentSession?> FindAsync(TactusDbContext db, Guid sessionId, HttpContext http, CancellationToken ct) =>
        await db.TreatmentSessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId, ct) is { } session && FhirApi.InPatientContext(http, session.PatientId)
            ? session : null;

    private static Task<string?> TherapistNameAsync(TactusDbContext db, Guid therapistId, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(u => u.Id == therapistId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct);

    private static async Task<Dictionary<Guid, string>> NamesAsync(TactusDbContext db, List<TreatmentSession> sessions, CancellationToken ct)
    {
        var ids = sessions.Select(s => s.TherapistId).Distinct().ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
