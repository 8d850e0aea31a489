using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Organizations;

namespace Tactus.Web.Web;

/// <summary>
/// Operator commands run with the same configuration as the server:
///   generate --patients N [--seed S] [--organization slug]   synthetic clinic into the configured store
///   audit verify                                               re-computes the audit hash chain
/// </summary>
public static class TactusCommands
{
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "generate" or "audit";

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        await app.Services.InitializeDatabaseAsync(app.Configuration);
        return args[0] switch
        {
            "generate" => await GenerateAsync(app.Services, args),
            "audit" when args.Length > 1 && args[1] == "verify" =>
                await VerifyAuditAsync(app.Services, fromCheckpoint: args.Contains("--from-checkpoint")),
            _ => Usage(),
        };
    }

    private static async Task<int> GenerateAsync(IServiceProvider services, string[] args)
    {
        if (!int.TryParse(Option(args, "--patients"), out var count) || count <= 0)
        {
            return Usage("--patients needs a positive whole number");
        }

        var seed = int.TryParse(Option(args, "--seed"), out var s) ? s : 1;
        var slug = Option(args, "--organization") ?? DemoClinic.Slug;

        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("generate");
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Slug == slug);
        if (organization is null)
        {
            organization = new Organization { Name = $"Synthetic clinic {slug}", Slug = slug };
            db.Organizations.Add(organization);
            await db.SaveChangesAsync();
        }

        var careTeam = await db.Users.Where(u => u.OrganizationId == organization.Id)
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u.Id, ur.RoleId })
            .Join(db.Roles, x => x.RoleId, r => r.Id, (x, r) => new { x.Id, r.Name })
            .Where(x => x.Name == Roles.Therapist || x.Name == Roles.Clinician)
            .Select(x => new SyntheticClinic.CareTeamAssignment(x.Id, x.Name!))
            .ToListAsync();

        var clock = Stopwatch.StartNew();
        var painScale = scope.ServiceProvider.GetRequiredService<Features.Questionnaires.InstrumentCatalog>().Find("NPRS")
            ?? throw new InvalidOperationException("The NPRS definition is missing from the bundled instruments.");
        var progress = new Progress<SyntheticVolume.Counts>(c =>
            Console.WriteLine($"  {c.Patients:N0} patients, {c.Sessions:N0} sessions ({clock.Elapsed.TotalSeconds:F0} s)"));
        var counts = await SyntheticVolume.GenerateAsync(db, organization.Id, count, seed, careTeam, painScale,
            scope.ServiceProvider.GetRequiredService<TimeProvider>(), progress);
        if (db.Database.IsNpgsql())
        {
            // Fresh planner statistics for the tables just loaded (SQLite's are written from the schema at start).
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        Console.WriteLine($"Generated {counts.Patients} patients, {counts.Referrals} referrals, {counts.Plans} plans, {counts.Sessions} sessions and "
            + $"{counts.Responses} questionnaires into '{organization.Name}' (seed {seed}) in {clock.Elapsed.TotalSeconds:F1} s.");
        return 0;
    }

    private static async Task<int> VerifyAuditAsync(IServiceProvider services, bool fromCheckpoint)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("audit-verify");
        var result = await AuditVerifier.VerifyAllAsync(scope.ServiceProvider.GetRequiredService<TactusDbContext>(),
            scope.ServiceProvider.GetRequiredService<AuditCheckpointKey>(), fromCheckpoint);
        Console.WriteLine(result);
        return result.IsIntact ? 0 : 1;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static int Usage(string? problem = null)
    {
        if (problem is not null)
        {
            Console.Error.WriteLine(problem);
        }

        Console.Error.WriteLine("usage: generate --patients N [--seed S] [--organization slug] | audit verify [--from-checkpoint]");
        return 2;
    }
}
