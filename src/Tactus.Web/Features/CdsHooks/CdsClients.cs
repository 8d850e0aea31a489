using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Smart;

namespace Tactus.Web.Features.CdsHooks;

/// <summary>
/// Registers an EHR as a CDS client of one organisation: its issuer and public keys (exchanged out of band, as CDS Hooks
/// 2.0 allows when no <c>jku</c> is fetched), and a service account with the manager's organisation-wide reach, which
/// the patient-view card needs to find the patient by record number. Run by an administrator (Admin/Apps).
/// </summary>
public sealed class CdsClients(TactusDbContext db, SmartApps apps, TimeProvider time)
{
    public sealed record Registration(string Name, string Issuer, string JsonWebKeySet);

    public async Task<CdsClient> RegisterAsync(Guid organizationId, Registration registration, CancellationToken ct = default)
    {
        if (!Uri.TryCreate(registration.Issuer, UriKind.Absolute, out var issuer) || (issuer.Scheme != Uri.UriSchemeHttps && issuer.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException("The issuer is the EHR's URL, as its JWTs' iss names it.", nameof(registration));
        }

        SmartApps.PublicKeys(registration.JsonWebKeySet, nameof(registration));
        if (await db.CdsClients.IgnoreQueryFilters().AnyAsync(c => c.Issuer == registration.Issuer, ct))
        {
            throw new ArgumentException("An EHR with this issuer is registered already.", nameof(registration));
        }

        var account = await apps.CreateServiceAccountAsync(organizationId, "tactus-cds-" + Guid.NewGuid().ToString("N")[..12],
            $"{registration.Name} (CDS client)", Roles.Manager);
        var client = new CdsClient
        {
            OrganizationId = organizationId,
            Name = registration.Name,
            Issuer = registration.Issuer,
            JsonWebKeySet = registration.JsonWebKeySet,
            AccountId = account.Id,
            CreatedAt = time.GetUtcNow(),
        };
        db.CdsClients.Add(client);
        await db.SaveChangesAsync(ct);
        return client;
    }
}
