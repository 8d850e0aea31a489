namespace Tactus.Web.Features.Research;

/// <summary>
/// What a de-identified export can hold, by field group (a protocol approves groups), file by file and column by column,
/// with how Safe Harbor (45 CFR 164.514(b)(2); clinical.md §7) treats each. This is also the data dictionary written
/// beside every export. No column holds any of the 18 identifiers or free text.
/// </summary>
public static class ResearchFields
{
    public const string Demographics = "demographics";
    public const string Diagnoses = "diagnoses";
    public const string Episodes = "episodes";
    public const string Sessions = "sessions";
    public const string Scores = "scores";
    public const string MedicinesAndUse = "medicines-use";

    public sealed record Group(string Id, string Label, string Description);

    public sealed record Column(string File, string Name, string Group, string Type, string Description, string SafeHarbor);

    public static readonly IReadOnlyList<Group> Groups =
    [
        new(Demographics, "Demographics", "Birth year, age band, sex, state and three-digit ZIP area of each patient."),
        new(Episodes, "Episodes of care", "Each referral: year, status, urgency, visits requested and given."),
        new(Diagnoses, "Diagnoses", "Each episode's ICD-10-CM referral codes and the protocol-library conditions they map to."),
        new(Sessions, "Visits", "Each signed visit: year, its number in the episode, minutes, techniques, pain and stress before and after, worst adverse event."),
        new(Scores, "Questionnaire scores", "Each scored questionnaire: instrument, year, its number for the patient, total and band."),
        new(MedicinesAndUse, "Opioids and health-care use", "Each episode's opioid MME per day on the referral's day and at its last visit, and its health-care use (events and cost) in the window before and after the referral."),
    ];

    public const string PatientId = "Random per export: a keyed hash of the record id under a key made for this export and discarded after it; the same patient has the same id within one export and an unrelated one in the next (164.514(c): not derived from information about the individual, no key kept).";

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("patients.csv", "patient_id", Demographics, "text", "The patient within this export.", PatientId),
        new("patients.csv", "birth_year", Demographics, "year", "Year of birth; empty for a patient aged 90 or more.", "Date reduced to the year; suppressed at 90 or more (164.514(b)(2)(i)(C))."),
        new("patients.csv", "age", Demographics, "whole years or 90+", "Age on the day of the export.", "Ages over 89 grouped as 90+ (164.514(b)(2)(i)(C))."),
        new("patients.csv", "sex", Demographics, "female, male, other, unknown", "Administrative sex as recorded.", "Not an identifier."),
        new("patients.csv", "state", Demographics, "two letters", "State of residence.", "A state is allowed; smaller areas are removed (164.514(b)(2)(i)(B))."),
        new("patients.csv", "zip3", Demographics, "three digits", "First three digits of the ZIP code; 000 for a restricted area; empty when none was recorded.", "ZIP reduced to three digits; the 17 areas of 20,000 people or fewer become 000 (164.514(b)(2)(i)(B))."),
        new("episodes.csv", "episode_id", Episodes, "text", "The referral within this export.", PatientId),
        new("episodes.csv", "patient_id", Episodes, "text", "The patient (as in patients.csv).", PatientId),
        new("episodes.csv", "referral_year", Episodes, "year", "Year the referral was made.", "Date reduced to the year."),
        new("episodes.csv", "status", Episodes, "text", "Where the episode stands: sent, accepted, scheduled, in progress, on hold, discharged, declined, cancelled.", "Not an identifier."),
        new("episodes.csv", "urgency", Episodes, "routine or urgent", "Urgency of the referral.", "Not an identifier."),
        new("episodes.csv", "visits_requested", Episodes, "number", "Visits the referring clinician asked for.", "Not an identifier."),
        new("episodes.csv", "signed_visits", Episodes, "number", "Visits documented and signed in the episode.", "Not an identifier."),
        new("episodes.csv", "diagnosis_codes", Diagnoses, "codes separated by ;", "ICD-10-CM referral diagnoses in rank order.", "Not an identifier."),
        new("episodes.csv", "conditions", Diagnoses, "ids separated by ;", "Protocol-library conditions the diagnoses map to.", "Not an identifier."),
        new("sessions.csv", "episode_id", Sessions, "text", "The episode (as in episodes.csv).", PatientId),
        new("sessions.csv", "patient_id", Sessions, "text", "The patient (as in patients.csv).", PatientId),
        new("sessions.csv", "year", Sessions, "year", "Year of the visit.", "Date reduced to the year."),
        new("sessions.csv", "visit_number", Sessions, "number", "The visit's order in the episode (1 = first), in place of its date.", "An order, not a date."),
        new("sessions.csv", "minutes", Sessions, "number", "Minutes of hands-on technique.", "Not an identifier."),
        new("sessions.csv", "techniques", Sessions, "ids separated by ;", "Techniques given, as ids of the technique list.", "Not an identifier."),
        new("sessions.csv", "pain_before", Sessions, "0-10", "Pain at check-in.", "Not an identifier."),
        new("sessions.csv", "pain_after", Sessions, "0-10", "Pain after the visit; empty if not asked.", "Not an identifier."),
        new("sessions.csv", "stress_before", Sessions, "0-10", "Stress at check-in.", "Not an identifier."),
        new("sessions.csv", "stress_after", Sessions, "0-10", "Stress after the visit; empty if not asked.", "Not an identifier."),
        new("sessions.csv", "worst_adverse_event", Sessions, "none, mild, moderate, severe", "The worst adverse event recorded at the visit.", "Not an identifier; the event's description (free text) is left out."),
        new("scores.csv", "patient_id", Scores, "text", "The patient (as in patients.csv).", PatientId),
        new("scores.csv", "instrument", Scores, "code", "Questionnaire (NPRS, PHQ-9, ...).", "Not an identifier."),
        new("scores.csv", "year", Scores, "year", "Year it was completed.", "Date reduced to the year."),
        new("scores.csv", "score_number", Scores, "number", "The score's order for this patient and instrument (1 = first), in place of its date.", "An order, not a date."),
        new("scores.csv", "total", Scores, "number", "The total score.", "Not an identifier; the answers' free text is left out."),
        new("scores.csv", "band", Scores, "text", "Severity band.", "Not an identifier."),
        new("medicines-use.csv", "episode_id", MedicinesAndUse, "text", "The episode (as in episodes.csv).", PatientId),
        new("medicines-use.csv", "patient_id", MedicinesAndUse, "text", "The patient (as in patients.csv).", PatientId),
        new("medicines-use.csv", "mme_at_referral", MedicinesAndUse, "number", "Opioid morphine milligram equivalents per day taken on the day of the referral (CDC 2022 factors; buprenorphine not converted); empty when the patient has no opioid recorded at all, which is not the same as none.", "A figure, not a date."),
        new("medicines-use.csv", "mme_at_last_visit", MedicinesAndUse, "number", "The same on the day of the episode's last signed visit; empty with no opioid recorded or no signed visit.", "A figure, not a date."),
        new("medicines-use.csv", "use_window_days", MedicinesAndUse, "number", "Days of the window before and after the referral over which use is counted.", "A length, not a date."),
        new("medicines-use.csv", "use_events_before", MedicinesAndUse, "number", "Uses of care (imaging, injections, surgery, emergency and specialist visits, physiotherapy) in the window before the referral.", "A count, not a date."),
        new("medicines-use.csv", "use_events_after", MedicinesAndUse, "number", "The same in the window from the referral on; empty while that window is still open.", "A count, not a date."),
        new("medicines-use.csv", "use_cost_before", MedicinesAndUse, "amount", "Their cost: the actual cost where recorded, else the organisation's price for the kind.", "Not an identifier."),
        new("medicines-use.csv", "use_cost_after", MedicinesAndUse, "amount", "The same after; empty while the window is still open.", "Not an identifier."),
    ];

    public static bool IsKnown(string group) => Groups.Any(g => g.Id == group);

    public static IEnumerable<Column> For(string file, IReadOnlyCollection<string> allowed) =>
        Columns.Where(c => c.File == file && allowed.Contains(c.Group));
}
