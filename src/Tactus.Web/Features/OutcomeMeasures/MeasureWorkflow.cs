using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Web;

namespace Tactus.Web.Features.OutcomeMeasures;

/// <summary>Records completed questionnaires and raises the safety alerts they call for, in the same transaction.</summary>
public sealed class MeasureWorkflow(TactusDbContext db, AccessScope scope, OrganizationInstruments instruments, TimeProvider time)
{
    public sealed record Recorded(MeasureResponse Response, ScoreResult Score, IReadOnlyList<SafetyAlert> Alerts);

    public async Task<Recorded?> RecordAsync(Guid patientId, string instrument, Dictionary<string, int?> answers, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? labels = null)
    {
        if (scope.Role is not (Roles.Therapist or Roles.Clinician or Roles.Manager or Roles.Administrator or Roles.Patient))
        {
            throw new DomainRuleException("forbidden", "Your role cannot record questionnaires.", 403);
        }

        var definition = await instruments.FindAsync(instrument, cancellationToken)
            ?? throw new DomainRuleException("unknown-instrument", $"There is no instrument '{instrument}'.", StatusCodes.Status422UnprocessableEntity);
        if (definition.IsSlot && scope.Role == Roles.Patient)
        {
            throw new DomainRuleException("wording-missing", $"{definition.Code} cannot be shown to a patient until your organisation supplies its licensed wording.", StatusCodes.Status422UnprocessableEntity);
        }

        var itemLabels = (labels ?? new Dictionary<string, string>())
            .Where(l => !string.IsNullOrWhiteSpace(l.Value) && definition.Items.Any(i => i.Id == l.Key && i.AskLabel is not null))
            .ToDictionary(l => l.Key, l => l.Value.Trim().Length > 120 ? l.Value.Trim()[..120] : l.Value.Trim());
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var score = Scoring.Score(definition, answers);
        if (!score.Scored && score.Missing == 0)
        {
            throw new DomainRuleException("invalid-answers", score.CannotScoreReason!, StatusCodes.Status422UnprocessableEntity);
        }

        var now = time.GetStorageNow();
        var response = new MeasureResponse
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, Instrument = definition.Code, Answers = answers,
            ItemLabels = itemLabels, EnteredById = scope.UserId, EnteredByPatient = scope.Role == Roles.Patient, CompletedAt = now,
            Total = score.Total, Band = score.Band, CannotScoreReason = score.CannotScoreReason,
        };
        db.MeasureResponses.Add(response);

        var alerts = new List<SafetyAlert>();
        if (score.SafetyFlags.Count > 0)
        {
            var recipients = await RecipientsAsync(patient.Id, cancellationToken);
            foreach (var flag in score.SafetyFlags)
            {
                var alert = new SafetyAlert
                {
                    OrganizationId = patient.OrganizationId, PatientId = patient.Id, ResponseId = response.Id, RuleId = flag.RuleId,
                    Kind = flag.Kind, Message = flag.Message, RaisedAt = now, Recipients = recipients,
                };
                db.SafetyAlerts.Add(alert);
                alerts.Add(alert);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Recorded(response, score, alerts);
    }

    public async Task<SafetyAlert?> AcknowledgeAsync(Guid alertId, string? action, CancellationToken cancellationToken = default)
    {
        if (scope.Role is not (Roles.Therapist or Roles.Clinician or Roles.Manager or Roles.Administrator) || scope.UserId is not { } userId)
        {
            throw new DomainRuleException("forbidden", "Only the care team acknowledges safety alerts.", 403);
        }

        var alert = await db.SafetyAlerts.SingleOrDefaultAsync(a => a.Id == alertId, cancellationToken);
        if (alert is null)
        {
            return null;
        }

        alert.Acknowledge(userId, action ?? "", time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        return alert;
    }

    /// <summary>The referring clinicians and assigned therapists of the patient's open referrals.</summary>
    private async Task<List<Guid>> RecipientsAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var referrals = await db.Referrals.AsNoTracking().Where(r => r.PatientId == patientId
            && r.Status != ReferralStatus.Cancelled && r.Status != ReferralStatus.Declined && r.Status != ReferralStatus.Discharged).ToListAsync(cancellationToken);
        return referrals.SelectMany(r => new[] { r.ReferringClinicianId, r.AssignedTherapistId ?? Guid.Empty })
            .Where(id => id != Guid.Empty).Distinct().ToList();
    }
}
