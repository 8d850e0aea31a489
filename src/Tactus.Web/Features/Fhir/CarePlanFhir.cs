using System.Globalization;
using Hl7.Fhir.Model;
using Tactus.Web.Features.Intake;
using Tactus.Web.Features.Plans;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// The plan of care as a CarePlan with its goals as Goals, and a screening finding as a Flag, FHIR R4. A plan is a
/// draft until the therapist signs it and active until its episode closes; a finding is an active flag until it is
/// cleared or resolved.
/// </summary>
public static class CarePlanFhir
{
    public static CarePlan Build(PlanOfCare plan, Func<string, string> techniqueName) => new()
    {
        Id = plan.Id.ToString(),
        Status = Status(plan),
        Intent = CarePlan.CarePlanIntent.Plan,
        Title = "Medical massage plan of care",
        Subject = new ResourceReference($"Patient/{plan.PatientId}"),
        Created = plan.CreatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        Period = new Period { Start = plan.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), End = plan.CreatedAt.AddDays(7 * plan.Weeks).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        Goal = [.. plan.Goals.Select((_, index) => new ResourceReference($"Goal/{GoalId(plan, index)}"))],
        Activity =
        [
            new CarePlan.ActivityComponent
            {
                Detail = new CarePlan.DetailComponent
                {
                    Kind = CarePlan.CarePlanActivityKind.ServiceRequest,
                    Code = new CodeableConcept(ReferralFhir.ServiceSystem, ReferralFhir.ServiceCode, "Medical massage therapy", "Medical massage therapy"),
                    Status = plan.EpisodeOpen ? CarePlan.CarePlanActivityStatus.InProgress : CarePlan.CarePlanActivityStatus.Completed,
                    Scheduled = new Timing { Repeat = new Timing.RepeatComponent { Frequency = plan.SessionsPerWeek, Period = 1, PeriodUnit = Timing.UnitsOfTime.Wk, Count = plan.SessionsPerWeek * plan.Weeks } },
                    Description = plan.Techniques.Count == 0 ? null : $"Techniques: {string.Join(", ", plan.Techniques.Select(techniqueName))}."
                        + (plan.Precautions is { Length: > 0 } p ? $" Precautions: {p}" : ""),
                },
            },
        ],
    };

    /// <summary>A goal lives inside its plan, so its id names the plan (read by the plan's key) and its place.</summary>
    public static string GoalId(PlanOfCare plan, int index) => $"{plan.Id:N}-g{index + 1}";

    public static IEnumerable<Goal> Goals(PlanOfCare plan) => plan.Goals.Select((goal, index) => new Goal
    {
        Id = GoalId(plan, index),
        LifecycleStatus = !plan.EpisodeOpen ? Goal.GoalLifecycleStatus.Completed
            : plan.Status == PlanStatus.Draft ? Goal.GoalLifecycleStatus.Proposed : Goal.GoalLifecycleStatus.Active,
        Description = new CodeableConcept { Text = goal.Description },
        Subject = new ResourceReference($"Patient/{plan.PatientId}"),
        Target = goal.Target is null && goal.TargetDate is null ? [] :
        [
            new Goal.TargetComponent
            {
                Measure = goal.Instrument is { } instrument ? new CodeableConcept { Text = instrument } : null,
                Detail = goal.Target is { } target ? new FhirString(target) : null,
                Due = goal.TargetDate is { } due ? new Date(due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) : null,
            },
        ],
    });

    public static RequestStatus Status(PlanOfCare plan) =>
        !plan.EpisodeOpen ? RequestStatus.Completed : plan.Status == PlanStatus.Draft ? RequestStatus.Draft : RequestStatus.Active;

    /// <summary>A screening finding (clinical.md §4) as a Flag: what it asks of the therapist, while it stands.</summary>
    public static Flag Flag(PatientFinding finding) => new()
    {
        Id = finding.Id.ToString(),
        Status = finding.Status == FindingStatus.Active ? Hl7.Fhir.Model.Flag.FlagStatus.Active : Hl7.Fhir.Model.Flag.FlagStatus.Inactive,
        Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")],
        Code = new CodeableConcept("https://tactus.example/fhir/CodeSystem/screening-rule", finding.RuleId, finding.Finding, $"{finding.Finding}: {finding.ClinicianText}"),
        Subject = new ResourceReference($"Patient/{finding.PatientId}"),
        Period = new Period
        {
            Start = finding.DetectedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            End = (finding.ClearedAt ?? finding.ResolvedAt)?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        },
    };
}
