using System.Globalization;
using Hl7.Fhir.Model;
using Tactus.Web.Features.Medications;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// A structured opioid statement (issue 14 §2) as a FHIR R4 MedicationStatement: the ingredient (RxNorm where the
/// reviewed table carries a checked code, else its name), the dose as recorded (mg, or mcg/h for the fentanyl patch)
/// and doses a day, the days taken, and the MME per day from the CDC 2022 table as a note, since FHIR has no element
/// for it. Its id is the statement's own, so it never collides with the intake's patient-reported lines.
/// </summary>
public static class OpioidFhir
{
    private const string RxNormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private const string UcumSystem = "http://unitsofmeasure.org";

    public static MedicationStatement Build(OpioidStatement statement, MorphineEquivalents table, DateOnly today)
    {
        var named = table.Find(statement.Opioid);
        var name = named?.Name ?? statement.Opioid;
        var perHour = named?.Unit == "mcg/hr";
        var medication = new CodeableConcept { Text = name };
        if (named?.RxNorm is { } code)
        {
            medication.Coding.Add(new Coding(RxNormSystem, code, name));
        }

        var mme = statement.MmePerDay is { } perDay
            ? $"{perDay.ToString("0.##", CultureInfo.InvariantCulture)} MME/day (CDC 2022 conversion factors; for tracking, never for converting one opioid to another)."
            : $"{name} is not converted to MME: the CDC 2022 table leaves it out.";
        return new MedicationStatement
        {
            Id = statement.Id.ToString(),
            // Completed once its last day has passed; a stop dated today or later is still being taken.
            Status = statement.TakenUntil is { } until && until < today
                ? MedicationStatement.MedicationStatusCodes.Completed
                : MedicationStatement.MedicationStatusCodes.Active,
            Category = new CodeableConcept("http://terminology.hl7.org/CodeSystem/medication-statement-category", "community", "Community"),
            Medication = medication,
            Subject = new ResourceReference($"Patient/{statement.PatientId}"),
            Effective = new Period { Start = Day(statement.TakenFrom), End = statement.TakenUntil is { } last ? Day(last) : null },
            DateAsserted = statement.RecordedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Dosage =
            [
                new Dosage
                {
                    Text = $"{statement.Strength.ToString("0.##", CultureInfo.InvariantCulture)} {(perHour ? "mcg/hr" : "mg")}"
                        + (perHour ? " patch" : $", {statement.DosesPerDay.ToString("0.##", CultureInfo.InvariantCulture)} a day"),
                    Timing = perHour ? null : new Timing
                    {
                        Repeat = new Timing.RepeatComponent
                        {
                            FrequencyElement = new PositiveInt(decimal.IsInteger(statement.DosesPerDay) ? (int)statement.DosesPerDay : null),
                            Period = 1,
                            PeriodUnit = Timing.UnitsOfTime.D,
                        },
                    },
                    DoseAndRate =
                    [
                        new Dosage.DoseAndRateComponent
                        {
                            Dose = perHour ? null : new Quantity { Value = statement.Strength, Unit = "mg", System = UcumSystem, Code = "mg" },
                            Rate = perHour ? new Quantity { Value = statement.Strength, Unit = "mcg/hr", System = UcumSystem, Code = "ug/h" } : null,
                        },
                    ],
                },
            ],
            Note = [new Annotation { Text = new Markdown(mme) }],
        };
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
