using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Smart;

/// <summary>
/// Gives the authorisation server its keys from the database, making them on the first start. Every stored key
/// validates; the oldest signs (two instances starting together each make one, and both then sign with the same).
/// Runs once, when the server's options are first built (the first request to /connect or /fhir with a token).
/// </summary>
public sealed class ServerKeyOptions(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider time)
    : IConfigureOptions<OpenIddictServerOptions>
{
    private const int KeySizeBits = 2048;

    public void Configure(OpenIddictServerOptions options)
    {
        var protector = protection.CreateProtector("Tactus.Smart.ServerKeys");
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().UseSystem("server-keys");
        var db = scope.ServiceProvider.GetRequiredService<TactusDbContext>();
        foreach (var use in new[] { AuthorizationServerKey.Signing, AuthorizationServerKey.Encryption })
        {
            if (!db.AuthorizationServerKeys.Any(k => k.Use == use))
            {
                using var rsa = RSA.Create(KeySizeBits);
                var material = use == AuthorizationServerKey.Signing ? rsa.ExportPkcs8PrivateKey() : RandomNumberGenerator.GetBytes(32);
                db.AuthorizationServerKeys.Add(new AuthorizationServerKey
                {
                    Use = use,
                    ProtectedKey = protector.Protect(Convert.ToBase64String(material)),
                    CreatedAt = time.GetUtcNow().UtcDateTime,
                });
                db.SaveChanges();
            }
        }

        foreach (var key in db.AuthorizationServerKeys.OrderBy(k => k.CreatedAt).ThenBy(k => k.Id).ToList())
        {
            var material = Convert.FromBase64String(protector.Unprotect(key.ProtectedKey));
            if (key.Use == AuthorizationServerKey.Signing)
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(material, out _);
                options.SigningCredentials.Add(new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = key.Id.ToString("N") }, SecurityAlgorithms.RsaSha256));
            }
            else
            {
                // Access tokens are read only by Tactus itself, so a symmetric key (AES key wrap) encrypts them: an RSA
                // unwrap would cost a private-key operation on every FHIR request.
                options.EncryptionCredentials.Add(new EncryptingCredentials(new SymmetricSecurityKey(material) { KeyId = key.Id.ToString("N") },
                    SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
            }
        }
    }
}
