using Microsoft.EntityFrameworkCore;
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

    public static Task<List<AuditEntry>> AuditAfterAsync(this TactusApp app, long sequence) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.Sequence > sequence).OrderBy(a => a.Sequence).ToListAsync());

    public static Task<long> LastAuditSequenceAsync(this TactusApp app) =>
        app.WithDbAsync(db => db.AuditChainHeads.AsNoTracking().Select(h => h.LastSequence).SingleAsync());
}
