using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Messages;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Portal;

/// <summary>
/// Secure messages between a patient and their care team (issue 13 §4). A patient writes from the portal; the care
/// team (the patient's therapists and clinicians, and the programme managers) is told by e-mail that a message waits,
/// without its words, and answers from the patient's record, which marks the patient's messages read. The query
/// filters decide who reaches which thread.
/// </summary>
public sealed class CareMessages(TactusDbContext db, AccessScope scope, Organizations.OrganizationName organization, IConfiguration configuration, TimeProvider time)
{
    public async Task<IReadOnlyList<CareMessage>> ThreadAsync(Guid patientId, CancellationToken cancellationToken) =>
        await db.CareMessages.AsNoTracking().Where(m => m.PatientId == patientId).OrderByDescending(m => m.SentAt).Take(50).ToListAsync(cancellationToken);

    /// <summary>The patient writes to their care team; each of the team is e-mailed that a message waits.</summary>
    public async Task SendFromPatientAsync(string? body, CancellationToken cancellationToken)
    {
        var patientId = scope.PatientId ?? throw new DomainRuleException("forbidden", "Only a patient writes from the portal.", StatusCodes.Status403Forbidden);
        var text = Checked(body);
        var now = time.GetStorageNow();
        var patient = await db.Patients.AsNoTracking().SingleAsync(p => p.Id == patientId, cancellationToken);
        db.CareMessages.Add(new CareMessage { OrganizationId = patient.OrganizationId, PatientId = patientId, FromPatient = true, AuthorId = scope.UserId!.Value, Body = text, SentAt = now });
        var team = await db.CareTeamMembers.AsNoTracking().Where(m => m.PatientId == patientId).Select(m => m.UserId).Distinct().ToListAsync(cancellationToken);
        var addresses = await db.Users.AsNoTracking().Where(u => team.Contains(u.Id) && u.Email != null && u.DeactivatedAt == null).Select(u => u.Email!).ToListAsync(cancellationToken);
        var link = MessageLinks.To(configuration, "/Inbox");
        foreach (var address in addresses.Distinct())
        {
            db.OutboxMessages.Add(StaffMessages.WorkWaiting(patient.OrganizationId, patientId, PatientMessageWaiting, "A patient sent a message in Tactus",
                "A patient you care for sent a message through the portal.", address, link, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public const string PatientMessageWaiting = "patient-message";
    public const string TeamAnswered = "care-team-answered";

    /// <summary>A member of the care team answers; the patient's messages until now count as read.</summary>
    public async Task ReplyAsync(Guid patientId, string? body, CancellationToken cancellationToken)
    {
        var text = Checked(body);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken)
            ?? throw new DomainRuleException("not-found", "No such patient.", StatusCodes.Status404NotFound);
        var now = time.GetStorageNow();
        await MarkReadAsync(patientId, now, cancellationToken);
        db.CareMessages.Add(new CareMessage { OrganizationId = patient.OrganizationId, PatientId = patientId, FromPatient = false, AuthorId = scope.UserId!.Value, Body = text, SentAt = now });
        if (patient.Email is { Length: > 0 } email)
        {
            // The patient is told an answer waits, never what it says (issue 13 §2, PHI minimum).
            var name = await organization.CurrentAsync(cancellationToken);
            db.OutboxMessages.Add(new OutboxMessage
            {
                OrganizationId = patient.OrganizationId, PatientId = patientId, Kind = TeamAnswered, Channel = MessageChannel.Email, Recipient = email,
                Subject = $"A message from your care team at {name}",
                Body = $"{name}: your care team answered your message. Read it in your portal: {MessageLinks.To(configuration, "/Portal/Messages")}",
                CreatedAt = now, NextAttemptAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The patient opened their messages: the team's messages count as read.</summary>
    public async Task PatientReadAsync(CancellationToken cancellationToken)
    {
        var patientId = scope.PatientId ?? Guid.Empty;
        foreach (var message in await db.CareMessages.Where(m => m.PatientId == patientId && !m.FromPatient && m.ReadAt == null).ToListAsync(cancellationToken))
        {
            message.ReadAt = time.GetStorageNow();
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task MarkReadAsync(Guid patientId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var message in await db.CareMessages.Where(m => m.PatientId == patientId && m.FromPatient && m.ReadAt == null).ToListAsync(cancellationToken))
        {
            message.ReadAt = now;
        }
    }

    private static string Checked(string? body) =>
        string.IsNullOrWhiteSpace(body) ? throw new DomainRuleException("message-empty", "Write the message first.", StatusCodes.Status422UnprocessableEntity)
        : body.Length > CareMessage.MaxLength ? throw new DomainRuleException("message-too-long", $"Keep a message to {CareMessage.MaxLength} characters.", StatusCodes.Status422UnprocessableEntity)
        : body.Trim();
}
