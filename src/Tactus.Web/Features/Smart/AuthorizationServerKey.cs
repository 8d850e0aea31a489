namespace Tactus.Web.Features.Smart;

/// <summary>
/// A key of the authorisation server (signing tokens, encrypting access tokens), kept in the database protected by
/// ASP.NET Data Protection, so that every instance behind a load balancer signs and reads the same tokens and a
/// restart does not sign everyone's apps out.
/// </summary>
public sealed class AuthorizationServerKey
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary><see cref="Signing"/> or <see cref="Encryption"/>.</summary>
    public required string Use { get; set; }

    /// <summary>The key material, protected by Data Protection: an RSA private key (PKCS#8) to sign, 256 random bits to encrypt.</summary>
    public required string ProtectedKey { get; set; }

    public DateTime CreatedAt { get; set; }

    public const string Signing = "sig";
    public const string Encryption = "enc";
}
