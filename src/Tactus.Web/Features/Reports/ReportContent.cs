namespace Tactus.Web.Features.Reports;

/// <summary>
/// What a report says, as a snapshot: patient, referral, plan and goals, sessions given, adverse events,
/// the outcome table with every score over time and MCID status. The page, the PDF and the FHIR
/// DiagnosticReport are all rendered from this one record.
/// </summary>
public sealed record ReportContent(
    string PatientName,
    DateOnly? BirthDate,
    string ReferralReason,
    IReadOnlyList<ReportContent.Diagnosis> Diagnoses,
    string ReferringClinician,
    DateOnly? ReferredOn,
    string Therapist,
    DateOnly PeriodFrom,
    DateOnly PeriodTo,
    int SessionsGiven,
    int SessionsPlanned,
    string? Dose,
    IReadOnlyList<ReportContent.Goal> Goals,
    IReadOnlyList<ReportContent.AdverseEvent> AdverseEvents,
    IReadOnlyList<ReportContent.Outcome> Outcomes)
{
    public static readonly ReportContent Empty = new("", null, "", [], "", null, "", default, default, 0, 0, null, [], [], []);

    public sealed record Diagnosis(string Code, string Display);

    public sealed record Goal(string Description, string? Instrument, string? Target, DateOnly? TargetDate, decimal? Latest, string Status);

    public sealed record AdverseEvent(DateOnly Date, string Description);

    public sealed record Point(DateTimeOffset At, decimal Score);

    public sealed record Outcome(
        string Instrument,
        string Name,
        string? LoincTotal,
        decimal RangeMin,
        decimal RangeMax,
        bool HigherIsBetter,
        decimal? Baseline,
        decimal? Latest,
        string? Band,
        decimal? Change,
        bool? ReachedMcid,
        string? McidText,
        IReadOnlyList<Point> Points,
        string? BandConvention = null,
        string? BandSource = null);
}
