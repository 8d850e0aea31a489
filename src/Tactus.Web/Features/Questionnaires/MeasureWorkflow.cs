using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Referrals;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>Records completed questionnaires and raises the safety alerts they call for, in the same transaction.</summary>
public sealed class MeasureWorkflow(TactusDbContext db, AccessScope scope, OrganizationInstruments instruments, IConfiguration configuration, TimeProvider time)
{
    public sealed record Recorded(MeasureResponse Response, ScoreResult Score, IReadOnlyList<SafetyAlert> Alerts);

    /// <summary>One instrument's answers in a submission; Labels name what PSFS-style items rate.</summary>
    public sealed record Answered(string Instrument, Dictionary<string, int?> Answers, IReadOnlyDictionary<string, string>? Labels = null);

    /// <summary>Records one completed questionnaire with its alerts, in one transaction.</summary>
    public async Task<Recorded?> RecordAsync(Guid patientId, string instrument, Dictionary<string, int?> answers, CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? labels = null)
    {
        var recorded = await AddAsync(patientId, new Answered(instrument, answers, labels), cancellationToken);
        if (recorded is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return recorded;
    }

    /// <summary>
    /// Records a patient's link submission as one use case: every instrument's response, its alerts and the
    /// link's use commit together or not at all. The link's use is a concurrency token, so of two submissions
    /// sent at once one is recorded and the other finds the link used.
    /// </summary>
    public async Task<IReadOnlyList<Recorded>> RecordSubmissionAsync(MeasureInvitation invitation, IReadOnlyList<Answered> submission,
        CancellationToken cancellationToken = default)
    {
        var recorded = new List<Recorded>();
        foreach (var answered in submission)
        {
            recorded.Add(await AddAsync(invitation.PatientId, answered, cancellationToken)
                ?? throw new DomainRuleException("not-found", "The link's patient is not on record.", StatusCodes.Status404NotFound));
        }

        invitation.MarkUsed(time.GetStorageNow());
        await db.SaveChangesAsync(cancellationToken);
        return recorded;
    }

    private async Task<Recorded?> AddAsync(Guid patientId, Answered answered, CancellationToken cancellationToken)
    {
        if (scope.Role is not (Roles.Therapist or Roles.Clinician or Roles.Manager or Roles.Administrator or Roles.Patient))
        {
            throw new DomainRuleException("forbidden", "Your role cannot record questionnaires.", 403);
        }

        var definition = await instruments.FindAsync(answered.Instrument, cancellationToken)
            ?? throw new DomainRuleException("unknown-instrument", $"There is no instrument '{answered.Instrument}'.", StatusCodes.Status422UnprocessableEntity);
        if (definition.IsSlot && scope.Role == Roles.Patient)
        {
            throw new DomainRuleException("wording-missing", $"{definition.Code} cannot be shown to a patient until your organisation supplies its licensed wording.", StatusCodes.Status422UnprocessableEntity);
        }

        var itemLabels = (answered.Labels ?? new Dictionary<string, string>())
            .Where(l => !string.IsNullOrWhiteSpace(l.Value) && definition.Items.Any(i => i.Id == l.Key && i.AskLabel is not null))
            .ToDictionary(l => l.Key, l => l.Value.Trim().Length > 120 ? l.Value.Trim()[..120] : l.Value.Trim());
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var answers = answered.Answers;
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
            Total = score.Total, Band = score.Band, BandConvention = score.Band is null ? null : definition.BandConvention,
            CannotScoreReason = score.CannotScoreReason,
        };
        db.MeasureResponses.Add(response);
        await ResolveAnsweredSafetyItemsAsync(patient.Id, definition, answers, response, now, cancellationToken);

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

            // The care team hears at once, by e-mail, in the same transaction as the alert (issue 13 §2).
            var emails = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(cancellationToken);
            db.OutboxMessages.AddRange(emails.Select(email =>
                Messages.StaffMessages.SafetyAlertRaised(patient.OrganizationId, patient.Id, email, Messages.MessageLinks.To(configuration, "/Inbox"), now)));
        }

        return new Recorded(response, score, alerts);
    }

    /// <summary>
    /// An "unanswered safety item" alert is closed by a later scored response that answers the item: the
    /// question was asked and answered (a positive answer raises its own alert). clinical.md §1.2, PHQ-9 item 9.
    /// </summary>
    private async Task ResolveAnsweredSafetyItemsAsync(Guid patientId, InstrumentDefinition definition, Dictionary<string, int?> answers,
        MeasureResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var answeredRules = (definition.Safety ?? []).Where(r => answers.GetValueOrDefault(r.Item) is not null).Select(r => r.Id).ToList();
        if (answeredRules.Count == 0 || response.Total is null)
        {
            return;
        }

        var open = await db.SafetyAlerts.Where(a => a.PatientId == patientId && a.Kind == SafetyAlert.Unanswered && a.AcknowledgedAt == null
            && answeredRules.Contains(a.RuleId)).ToListAsync(cancellationToken);
        foreach (var alert in open)
        {
            alert.ResolveByLaterAnswer(response.Id, now);
        }
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
