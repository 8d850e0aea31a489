using Microsoft.AspNetCore.Identity;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Organizations;

namespace Tactus.Web.Data.Seed;

/// <summary>
/// The clinic a new user finds on first start: one organisation, one person per role (two
/// therapists, so the care-team rule is visible), a dozen synthetic patients, one with a portal account.
/// </summary>
public static class DemoClinic
{
    public const string Password = "demo-clinic-pass-2026";
    public const string Slug = "riverside";
    public const string PortalPatientEmail = "patient@riverside.example";
    public const int PatientCount = 12;
    public const int Seed = 2026;

    public sealed record StaffMember(string Role, string Email, string DisplayName);

    public static readonly IReadOnlyList<StaffMember> Staff =
    [
        new(Roles.Therapist, "therapist@riverside.example", "Maya Chen, LMT"),
        new(Roles.Therapist, "therapist2@riverside.example", "Jonas Weber, LMT"),
        new(Roles.Clinician, "clinician@riverside.example", "Dr. Samuel Okafor"),
        new(Roles.Manager, "manager@riverside.example", "Priya Natarajan"),
        new(Roles.Biller, "biller@riverside.example", "Tom Becker"),
        new(Roles.Researcher, "researcher@riverside.example", "Dr. Lena Fischer"),
        new(Roles.Administrator, "admin@riverside.example", "Ada Morgan"),
    ];

    public static async Task<Organization> SeedAsync(IServiceProvider services, string name = "Riverside Integrative Health",
        string slug = Slug, string emailDomain = "riverside.example")
    {
        var db = services.GetRequiredService<TactusDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var users = services.GetRequiredService<UserManager<TactusUser>>();
        await EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole<Guid>>>());

        var organization = new Organization { Name = name, Slug = slug, TimeZone = "America/Los_Angeles", RequireMfaForStaff = false };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();

        // One hash for the shared demo password: PBKDF2 at 210,000 iterations is slow on purpose.
        var passwordHash = users.PasswordHasher.HashPassword(null!, Password);
        var created = new List<(TactusUser User, string Role)>();
        foreach (var member in Staff)
        {
            var user = await CreateUserAsync(users, organization.Id, member.Email.Replace("riverside.example", emailDomain,
                StringComparison.Ordinal), member.DisplayName, member.Role, passwordHash);
            created.Add((user, member.Role));
        }

        // Maya and Dr. Okafor share most patients; Jonas has the rest, so each therapist sees a different caseload.
        var careTeam = created.Where(c => c.Role is Roles.Therapist or Roles.Clinician)
            .Select(c => new SyntheticClinic.CareTeamAssignment(c.User.Id, c.Role)).ToList();
        await SyntheticClinic.GenerateAsync(db, organization.Id, PatientCount, Seed, careTeam, time);

        await DemoReferrals.SeedAsync(db, services.GetRequiredService<Features.Screening.ClinicalReference>(), organization.Id,
            created.Select(c => (c.User.Id, c.Role, c.User.Email!)).ToList(), time);

        await DemoBilling.SeedAsync(services, organization.Id, created.Select(c => (c.User.Id, c.Role)).ToList());
        await DemoSchedule.SeedAsync(db, organization.Id, [.. created.Where(c => c.Role == Roles.Therapist).Select(c => c.User.Id)], time);

        var portalPatient = db.Patients.Where(p => p.OrganizationId == organization.Id).OrderBy(p => p.Mrn).First();
        await CreateUserAsync(users, organization.Id, PortalPatientEmail.Replace("riverside.example", emailDomain,
            StringComparison.Ordinal), portalPatient.FullName, Roles.Patient, passwordHash, portalPatient.Id);
        return organization;
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole<Guid>> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
            }
        }
    }

    private static async Task<TactusUser> CreateUserAsync(UserManager<TactusUser> users, Guid organizationId, string email,
        string displayName, string role, string passwordHash, Guid? patientId = null)
    {
        var user = new TactusUser
        {
            OrganizationId = organizationId,
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            PatientId = patientId,
            PasswordHash = passwordHash,
        };
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, role));
        return user;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
