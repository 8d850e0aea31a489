using Hl7.Fhir.Model;
using Tactus.Web.Features.Questionnaires;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// A questionnaire's score as a FHIR R4 Observation (category survey): the total, coded with the instrument's LOINC
/// total code where the catalogue holds a verified one (clinical.md §1.2) and always with Tactus's instrument code, its
/// band as the interpretation. A licensed instrument's score is a number, never its wording, so it is served as any other.
/// </summary>
public static class ObservationFhir
{
    public const string SurveyCategorySystem = "http://terminology.hl7.org/CodeSystem/observation-category";
    public const string LoincSystem = "http://loinc.org";

    public static Observation Build(MeasureResponse response, InstrumentDefinition? definition)
    {
        var observation = new Observation
        {
            Id = response.Id.ToString(),
            Meta = new Meta { LastUpdated = response.CompletedAt },
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept(SurveyCategorySystem, "survey", "Survey")],
            Code = Code(response.Instrument, definition),
            Subject = new ResourceReference($"Patient/{response.PatientId}"),
            Effective = new FhirDateTime(response.CompletedAt),
            Issued = response.CompletedAt,
        };
        if (response.Total is { } total)
        {
            observation.Value = new Quantity { Value = total, Unit = "{score}", System = "http://unitsofmeasure.org", Code = "{score}" };
        }
        else
        {
            // Too many items unanswered to score (the instrument's own rule): say so rather than send a number.
            observation.DataAbsentReason = new CodeableConcept("http://terminology.hl7.org/CodeSystem/data-absent-reason", "unknown", "Unknown",
                response.CannotScoreReason ?? "Could not be scored");
        }

        if (response.Band is { Length: > 0 } band)
        {
            observation.Interpretation = [new CodeableConcept { Text = band }];
        }

        return observation;
    }

    public static CodeableConcept Code(string instrument, InstrumentDefinition? definition)
    {
        var name = definition?.Name ?? instrument;
        var code = new CodeableConcept { Text = $"{name} ({instrument}) total score" };
        if (definition?.Loinc.GetValueOrDefault("total") is { } loinc)
        {
            code.Coding.Add(new Coding(LoincSystem, loinc, $"{instrument} total score"));
        }

        code.Coding.Add(new Coding(Reports.ReportFhir.InstrumentSystem, instrument, name));
        return code;
    }
}
