using System.Globalization;
using Hl7.Fhir.Model;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// What every FHIR search here shares: parameters it does not honour are reported in an outcome entry, or refused with
/// <c>Prefer: handling=strict</c> (FHIR R4 §3.1.1.4.1); and the keyset cursor of a newest-first page, (time, id).
/// </summary>
public static class FhirSearch
{
    private static readonly HashSet<string> Controls = ["_count", "_cursor", "_format", "_pretty"];

    /// <summary>
    /// <c>_sort</c> (FHIR R4 §3.1.1.5.2) where it is cheap: the one order a search's index gives (newest first). Another order
    /// would sort every match; it is refused rather than ignored, so a client never reads a page in an order it did not get.
    /// </summary>
    public static IResult? RefuseOtherSort(IQueryCollection query, params string[] offered) =>
        query.TryGetValue("_sort", out var sort) && !offered.Contains(sort.ToString())
            ? FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported,
                $"_sort is offered as {string.Join(" or ", offered)} (the order of the index); other orders are not.")
            : null;

    /// <summary>The query's parameters that are neither honoured nor a control, in order.</summary>
    public static List<string> Unknown(IQueryCollection query, IReadOnlyList<(string Name, SearchParamType Type)> honoured) =>
        query.Keys.Where(k => !Controls.Contains(k) && honoured.All(p => p.Name != k)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The 400 a strict client gets for parameters it sent that are not honoured; null when it may go on.</summary>
    public static IResult? RefuseIfStrict(HttpRequest request, IReadOnlyList<string> unknown) =>
        unknown.Count > 0 && request.Headers["Prefer"].Any(v => v?.Contains("handling=strict", StringComparison.OrdinalIgnoreCase) == true)
            ? FhirApi.Outcome(StatusCodes.Status400BadRequest, OperationOutcome.IssueType.NotSupported, $"Unknown or unsupported search parameters: {string.Join(", ", unknown)}.")
            : null;

    /// <summary>A lenient search says what it left out, as a warning entry with search mode "outcome".</summary>
    public static void ReportIgnored(Bundle bundle, IReadOnlyList<string> unknown)
    {
        if (unknown.Count == 0)
        {
            return;
        }

        var outcome = FhirApi.OperationOutcomeFor(StatusCodes.Status200OK, OperationOutcome.IssueType.NotSupported,
            $"Ignored unknown or unsupported search parameters: {string.Join(", ", unknown)}.");
        outcome.Issue[0].Severity = OperationOutcome.IssueSeverity.Warning;

        // Every entry of a searchset has a fullUrl (bdl-15); the outcome has no address of its own, so a urn:uuid.
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{Guid.NewGuid()}", Resource = outcome, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Outcome } });
    }

    /// <summary>The cursor after a row of a newest-first page: its time (UTC ticks) and id.</summary>
    public static string Cursor(DateTimeOffset at, Guid id) => $"{at.UtcTicks}.{id:N}";

    public static (DateTimeOffset At, Guid Id)? ParseCursor(string text) =>
        text.Split('.') is [var ticks, var id] && long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t)
            && t is > 0 and < 3155378975999999999 && Guid.TryParseExact(id, "N", out var g)
            ? (new DateTimeOffset(t, TimeSpan.Zero), g) : null;

    /// <summary>
    /// The patient a patient-compartment search is for: its <c>patient</c> parameter (an id or Patient/{id}, once), or the
    /// launch patient of a patient-level token. Null when neither names one. <c>OutsideLaunch</c>: a launch token asked for
    /// another patient, which finds nothing.
    /// </summary>
    public static (Guid PatientId, bool OutsideLaunch)? Patient(HttpRequest request)
    {
        var launch = request.HttpContext.Features.Get<Smart.FhirPatientContext>();
        var text = request.Query["patient"].ToString().Replace("Patient/", "", StringComparison.Ordinal);
        if (request.Query["patient"].Count > 1 || (text.Length > 0 && !Guid.TryParse(text, out _)) || (text.Length == 0 && launch is null))
        {
            return null;
        }

        var patientId = text.Length == 0 ? launch!.PatientId : Guid.Parse(text);
        return (patientId, launch is not null && launch.PatientId != patientId);
    }

    /// <summary>A one-page searchset of the resources found (a patient's handful), each a match with its full URL.</summary>
    public static Bundle Searchset(HttpRequest request, IReadOnlyCollection<Resource> resources, int? total)
    {
        var root = $"{request.Scheme}://{request.Host}{request.PathBase}";
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Total = total };
        bundle.Link.Add(new Bundle.LinkComponent { Relation = "self", Url = $"{root}{request.Path}{request.QueryString}" });
        foreach (var resource in resources)
        {
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = $"{root}/fhir/{resource.TypeName}/{resource.Id}", Resource = resource, Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        }

        return bundle;
    }
}
