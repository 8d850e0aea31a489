using Hl7.Fhir.Model;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// The pain and stress a patient rates (0 to 10) at check-in and after each massage session, as FHIR R4 Observations of
/// the visit's Encounter. Pain is coded with LOINC 72514-3 (pain severity 0-10 numeric rating, as the NPRS instrument
/// file verifies) and with Tactus's own code saying before or after; stress has no verified LOINC code and carries
/// Tactus's code alone. A rating after the session is final once the note is signed, preliminary before.
/// </summary>
public static class SessionObservationFhir
{
    public const string MeasureSystem = "https://tactus.example/fhir/CodeSystem/session-measure";
    public const string PainLoinc = "72514-3";

    public static readonly IReadOnlyList<string> Measures = ["pain-before", "pain-after", "stress-before", "stress-after"];

    public static string Id(Guid sessionId, string measure) => $"{sessionId:N}-{measure}";

    public static (Guid SessionId, string Measure)? ParseId(string id) =>
        id.Length > 33 && id[32] == '-' && Guid.TryParseExact(id[..32], "N", out var session) && Measures.Contains(id[33..]) ? (session, id[33..]) : null;

    public static IEnumerable<Observation> Build(TreatmentSession session, IReadOnlyCollection<string>? wanted = null)
    {
        var after = session.SignedAt ?? session.CheckedInAt;
        var values = new (string Measure, int? Value, DateTimeOffset At)[]
        {
            ("pain-before", session.CheckIn.PainBefore, session.CheckedInAt),
            ("pain-after", session.Note.PainAfter, after),
            ("stress-before", session.CheckIn.StressBefore, session.CheckedInAt),
            ("stress-after", session.Note.StressAfter, after),
        };
        foreach (var (measure, value, at) in values)
        {
            if (value is not { } rating || (wanted is not null && !wanted.Contains(measure)))
            {
                continue;
            }

            var pain = measure.StartsWith("pain", StringComparison.Ordinal);
            var before = measure.EndsWith("before", StringComparison.Ordinal);
            var code = new CodeableConcept { Text = $"{(pain ? "Pain" : "Stress")} {(before ? "before" : "after")} the massage session (0-10)" };
            if (pain)
            {
                code.Coding.Add(new Coding(ObservationFhir.LoincSystem, PainLoinc, "Pain severity - 0-10 verbal numeric rating [Score] - Reported"));
            }

            code.Coding.Add(new Coding(MeasureSystem, measure, code.Text));
            yield return new Observation
            {
                Id = Id(session.Id, measure),
                Meta = new Meta { LastUpdated = at },
                Status = before || session.Status == SessionStatus.Signed ? ObservationStatus.Final : ObservationStatus.Preliminary,
                Category = [new CodeableConcept(ObservationFhir.SurveyCategorySystem, "survey", "Survey")],
                Code = code,
                Subject = new ResourceReference($"Patient/{session.PatientId}"),
                Encounter = new ResourceReference($"Encounter/{session.Id}"),
                Effective = new FhirDateTime(at),
                Value = new Quantity { Value = rating, Unit = "{score}", System = "http://unitsofmeasure.org", Code = "{score}" },
            };
        }
    }

    /// <summary>The session measures a code token names: the pain LOINC (both pain ratings), or one of Tactus's measure codes.</summary>
    public static IReadOnlyList<string> MeasuresFor(string token)
    {
        var parts = token.Split('|');
        var (system, value) = parts.Length == 2 ? (parts[0], parts[1]) : ("", parts[0]);
        if ((system is "" or ObservationFhir.LoincSystem) && value == PainLoinc)
        {
            return ["pain-before", "pain-after"];
        }

        return (system is "" or MeasureSystem) && Measures.Contains(value) ? [value] : [];
    }
}
