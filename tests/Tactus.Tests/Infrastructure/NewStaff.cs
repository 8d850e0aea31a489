using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;
using Tactus.Web.Features.Practitioners;

namespace Tactus.Tests.Infrastructure;

/// <summary>A therapist of the demo clinic made for one test, so what the test changes on them touches no one else.</summary>
public static class NewStaff
{
    public static async Task<(Guid UserId, Guid PractitionerId, Guid LicenceId)> NewTherapistAsync(this TactusApp app, DateOnly licenceExpiresOn,
        string displayName = "Nell Okonkwo, LMT")
    {
        await using var scope = app.SystemScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<TactusUser>>();
        var organizationId = (await users.FindByEmailAsync(SignIn.DemoEmail(Roles.Manager)))!.OrganizationId;
        var email = $"therapist-{Guid.NewGuid():N}@riverside.example";
        var user = new TactusUser { Email = email, UserName = email, DisplayName = displayName, OrganizationId = organizationId };
        await users.CreateAsync(user);
        await users.AddToRoleAsync(user, Roles.Therapist);
        var practitioner = new Practitioner { OrganizationId = organizationId, UserId = user.Id, Discipline = Disciplines.MassageTherapist };
        practitioner.Licences.Add(new Licence { State = "OR", Number = "LMT4242", Status = LicenceStatus.Active, ExpiresOn = licenceExpiresOn });
        var db = scope.ServiceProvider.GetRequiredService<Tactus.Web.Data.TactusDbContext>();
        db.Practitioners.Add(practitioner);
        await db.SaveChangesAsync();
        return (user.Id, practitioner.Id, practitioner.Licences[0].Id);
    }
}

/// <summary>A portal account for a patient of the demo clinic, made for one test, signed in.</summary>
public static class PortalAccounts
{
    public static async Task<HttpClient> PortalAsync(this TactusApp app, Guid patientId, string email, string password)
    {
        await using (var scope = app.SystemScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<TactusUser>>();
            var organizationId = (await users.FindByEmailAsync(SignIn.DemoEmail(Roles.Manager)))!.OrganizationId;
            var user = new TactusUser { Email = email, UserName = email, DisplayName = email, OrganizationId = organizationId, PatientId = patientId, EmailConfirmed = true };
            var created = await users.CreateAsync(user, password);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            await users.AddToRoleAsync(user, Roles.Patient);
        }

        var portal = app.CreateBrowserlessClient();
        await portal.PostLoginAsync(email, password);
        return portal;
    }
}
