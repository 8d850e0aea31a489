using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Infrastructure;

/// <summary>Finds the demo clinic's people and patients the tests act on, through a system scope.</summary>
public static class DemoData
{
    public static Task<Guid> UserIdAsync(this TactusApp app, string email) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    public static async Task<Patient> PatientOnCareTeamOfAsync(this TactusApp app, string role)
    {
        var userId = await app.UserIdAsync(SignIn.DemoEmail(role));
        return await app.WithDbAsync(db => db.Patients.AsNoTracking()
            .Where(p => p.CareTeam.Any(m => m.UserId == userId)).OrderBy(p => p.Mrn).FirstAsync());
    }

    public static async Task<Patient> PatientNotOnCareTeamOfAsync(this TactusApp app, string role)
    {
        var userId = await app.UserIdAsync(SignIn.DemoEmail(role));
        var organizationId = await app.WithDbAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.OrganizationId).SingleAsync());
        return await app.WithDbAsync(db => db.Patients.AsNoTracking()
            .Where(p => p.OrganizationId == organizationId && !p.CareTeam.Any(m => m.UserId == userId)).OrderBy(p => p.Mrn).FirstAsync());
    }

    public static Task<Patient> OtherOrganizationPatientAsync(this TactusApp app) =>
        app.WithDbAsync(db => db.Patients.AsNoTracking()
            .Where(p => db.Organizations.Any(o => o.Id == p.OrganizationId && o.Slug == TactusApp.OtherOrganizationSlug))
            .OrderBy(p => p.Mrn).FirstAsync());

    public static Task<int> PatientCountAsync(this TactusApp app) => app.WithDbAsync(db => db.Patients.CountAsync());

    public static Task<List<AuditEntry>> AuditForAsync(this TactusApp app, Guid patientId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.PatientId == patientId).OrderBy(a => a.Sequence).ToListAsync());

    /// <summary>Everything appended to any chain after the mark, in sequence order within each chain.</summary>
    public static async Task<List<AuditEntry>> AuditAfterAsync(this TactusApp app, AuditMark mark)
    {
        var entries = await app.WithDbAsync(db => db.AuditEntries.IgnoreQueryFilters().AsNoTracking().ToListAsync());
        return entries.Where(e => e.Sequence > mark.PositionOf(e.ChainId))
            .OrderBy(e => e.OccurredAt).ThenBy(e => e.ChainId).ThenBy(e => e.Sequence).ToList();
    }

    /// <summary>Where every audit chain ends now; equal marks mean nothing was appended in between.</summary>
    public static async Task<AuditMark> LastAuditSequenceAsync(this TactusApp app)
    {
        var heads = await app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking()
            .Select(h => new { h.ChainId, h.LastSequence }).ToListAsync());
        return AuditMark.Of(heads.Select(h => (h.ChainId, h.LastSequence)));
    }

    public static AuditCheckpointKey CheckpointKeyOf(this TactusApp app) => app.Services.GetRequiredService<AuditCheckpointKey>();
}
