using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace Tactus.Web.Features.Reports;

/// <summary>
/// The report as a FHIR R4 DiagnosticReport with contained Observations, one per score, coded with the
/// instrument's verified LOINC total code where there is one (clinical.md §1.2), and the instrument code
/// in Tactus's own system otherwise. Built with the Firely SDK from the same content snapshot as the page.
/// </summary>
public static class ReportFhir
{
    public const string InstrumentSystem = "https://tactus.example/fhir/CodeSystem/instrument";

    /// <summary>One serializer configuration for the whole application: building it is expensive.</summary>
    public static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir(ModelInfo.ModelInspector).Pretty();

    public static DiagnosticReport Build(OutcomeReport report, string organizationName)
    {
        var c = report.Content;
        var diagnostic = new DiagnosticReport
        {
            Id = report.Id.ToString(),
            Status = report.Status == ReportStatus.Draft ? DiagnosticReport.DiagnosticReportStatus.Preliminary : DiagnosticReport.DiagnosticReportStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/v2-0074", "OTH", "Other")],
            Code = new CodeableConcept { Text = $"Medical massage {report.Title.ToLowerInvariant()}" },
            Subject = new ResourceReference($"Patient/{report.PatientId}", c.PatientName),
            Effective = new Period { Start = c.PeriodFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), End = c.PeriodTo.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            Issued = report.SentAt,
            Performer = [new ResourceReference { Display = $"{c.Therapist}, {organizationName}" }],
            BasedOn = [new ResourceReference($"ServiceRequest/{report.ReferralId}")],
            // A draft has no words yet: no conclusion rather than an empty one (FHIR strings may not be empty, R4 §2.24.0.1).
            Conclusion = string.Join("\n\n", new[] { report.Assessment, report.Recommendation is { } r ? "Recommendation: " + r : null }
                .Where(t => !string.IsNullOrWhiteSpace(t))) is { Length: > 0 } conclusion ? conclusion : null,
        };

        var sequence = 0;
        foreach (var outcome in c.Outcomes)
        {
            foreach (var point in outcome.Points)
            {
                var observation = new Observation
                {
                    Id = $"score-{++sequence}",
                    Status = ObservationStatus.Final,
                    Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")],
                    Code = Code(outcome),
                    Subject = new ResourceReference($"Patient/{report.PatientId}"),
                    Effective = new FhirDateTime(point.At),
                    Value = new Quantity { Value = point.Score, Unit = "{score}", System = "http://unitsofmeasure.org", Code = "{score}" },
                };
                if (point == outcome.Points[^1] && outcome.Band is { } band)
                {
                    observation.Interpretation = [new CodeableConcept { Text = band }];
                }

                if (point == outcome.Points[^1] && outcome.McidText is { } mcid)
                {
                    observation.Note = [new Annotation { Text = $"Change from baseline {ReportText.Signed(outcome.Change)}: {mcid}" }];
                }

                diagnostic.Contained.Add(observation);
                diagnostic.Result.Add(new ResourceReference($"#{observation.Id}", $"{outcome.Instrument} {ReportText.Number(point.Score)}"));
            }
        }

        return diagnostic;
    }


    private static CodeableConcept Code(ReportContent.Outcome outcome)
    {
        var code = new CodeableConcept { Text = $"{outcome.Name} ({outcome.Instrument}) total score" };
        if (outcome.LoincTotal is { } loinc)
        {
            code.Coding.Add(new Coding("http://loinc.org", loinc, $"{outcome.Instrument} total score"));
        }

        code.Coding.Add(new Coding(InstrumentSystem, outcome.Instrument, outcome.Name));
        return code;
    }
}
