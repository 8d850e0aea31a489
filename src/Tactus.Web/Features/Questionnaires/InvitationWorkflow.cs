using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Questionnaires;

/// <summary>Creates questionnaire links for patients and opens them for the patient who holds one.</summary>
public sealed class InvitationWorkflow(TactusDbContext db, AccessScope scope, OrganizationInstruments catalog, Organizations.OrganizationName organizationName,
    Messages.MessageTemplates templates, IConfiguration configuration, TimeProvider time, IServiceScopeFactory scopes)
{
    public async Task<(MeasureInvitation Invitation, string Token)?> CreateAsync(Guid patientId, IReadOnlyList<string> instruments,
        CancellationToken cancellationToken = default)
    {
        if (scope.Role is not (Roles.Therapist or Roles.Clinician or Roles.Manager or Roles.Administrator) || scope.UserId is not { } userId)
        {
            throw new DomainRuleException("forbidden", "Only the care team sends questionnaire links.", 403);
        }

        var codes = new List<string?>();
        foreach (var code in instruments)
        {
            var definition = await catalog.FindAsync(code, cancellationToken);
            if (definition is { IsSlot: true })
            {
                throw new DomainRuleException("wording-missing", $"{definition.Code} cannot be sent to a patient until your organisation supplies its licensed wording.", StatusCodes.Status422UnprocessableEntity);
            }

            codes.Add(definition?.Code);
        }

        if (codes.Count == 0 || codes.Any(c => c is null))
        {
            throw new DomainRuleException("unknown-instrument", "Choose one or more of the available questionnaires.", StatusCodes.Status422UnprocessableEntity);
        }

        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var token = MeasureInvitation.NewToken();
        var now = time.GetStorageNow();
        var invitation = new MeasureInvitation
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, TokenHash = MeasureInvitation.Hash(token),
            Instruments = codes.OfType<string>().Distinct().ToList(), CreatedById = userId, CreatedAt = now, ExpiresAt = now + MeasureInvitation.Lifetime,
        };
        db.MeasureInvitations.Add(invitation);
        if (patient.Email is { Length: > 0 } email)
        {
            // The link goes to the patient by e-mail too, in the invitation's transaction (issue 13 §2): it names no
            // questionnaire, score or condition, only that there is something to fill in, and until when.
            var (organization, link) = (await organizationName.CurrentAsync(cancellationToken), Messages.MessageLinks.To(configuration, $"/q/{token}"));
            var message = Messages.PatientMessages.QuestionnaireLink(patient.OrganizationId, patient.Id, email, organization, link, invitation.ExpiresAt, now);
            db.OutboxMessages.Add(await templates.ApplyAsync(message, new Dictionary<string, string>
            {
                ["organization"] = organization, ["link"] = link, ["expires"] = Messages.PatientMessages.Expires(invitation.ExpiresAt),
            }, cancellationToken));
        }

        await db.SaveChangesAsync(cancellationToken);
        return (invitation, token);
    }

    /// <summary>
    /// Finds the link's invitation and narrows this request to that one patient. The lookup by token hash is the
    /// one read that must look across patients (the token is the credential), so it runs in a system scope of its
    /// own and returns ids only; the invitation itself is then read, audited, as the patient the link belongs to.
    /// </summary>
    public async Task<(MeasureInvitation? Invitation, string? Problem)> OpenAsync(string token, CancellationToken cancellationToken = default)
    {
        var found = await FindLinkAsync(MeasureInvitation.Hash(token), cancellationToken);
        if (found is not { } link)
        {
            return (null, "This link is not valid. Check that you opened the whole link from your message.");
        }

        scope.UsePatientLink(link.OrganizationId, link.PatientId);
        var invitation = await db.MeasureInvitations.SingleAsync(i => i.Id == link.Id, cancellationToken);
        if (invitation.Unusable(time.GetUtcNow()) is { } problem)
        {
            return (null, problem);
        }

        return (invitation, null);
    }

    /// <summary>
    /// A signed-in patient opens a questionnaire sent to them from the portal instead of the link (issue 13 §4): the
    /// query filter reaches only their own invitations, and the same rules of use apply as to the link.
    /// </summary>
    public async Task<(MeasureInvitation? Invitation, string? Problem)> OpenForPatientAsync(Guid invitationId, CancellationToken cancellationToken = default)
    {
        if (scope.PatientId is null || await db.MeasureInvitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken) is not { } invitation)
        {
            return (null, "This questionnaire was not found. Sign in to the portal to see the questionnaires sent to you.");
        }

        return invitation.Unusable(time.GetUtcNow()) is { } problem ? (null, problem) : (invitation, null);
    }

    /// <summary>The invitation's ids for a token hash, read in a system scope that ends with the lookup.</summary>
    private async Task<(Guid Id, Guid OrganizationId, Guid PatientId)?> FindLinkAsync(string hash, CancellationToken cancellationToken)
    {
        await using var lookup = scopes.CreateAsyncScope();
        lookup.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("patient-link-lookup");
        var found = await lookup.ServiceProvider.GetRequiredService<TactusDbContext>().MeasureInvitations
            .Where(i => i.TokenHash == hash)
            .Select(i => new { i.Id, i.OrganizationId, i.PatientId })
            .SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.Id, found.OrganizationId, found.PatientId);
    }
}
