using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// Signs and checks audit checkpoints with HMAC-SHA256 under a key kept outside the database:
/// <c>Audit:CheckpointKey</c> (base64, e.g. from an environment secret) or the file named by
/// <c>Audit:CheckpointKeyFile</c> (default data/audit-checkpoint.key, created with a random key on
/// first use and readable by the service account only).
/// </summary>
public sealed class AuditCheckpointKey
{
    private readonly byte[] _key;

    public AuditCheckpointKey(byte[] key)
    {
        if (key.Length < 32)
        {
            throw new InvalidOperationException("The audit checkpoint key must be at least 32 bytes.");
        }

        _key = key;
    }

    public static AuditCheckpointKey FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration["Audit:CheckpointKey"] is { Length: > 0 } configured)
        {
            return new AuditCheckpointKey(Convert.FromBase64String(configured));
        }

        var path = Path.GetFullPath(configuration["Audit:CheckpointKeyFile"] ?? "data/audit-checkpoint.key", environment.ContentRootPath);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var fresh = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var writer = new StreamWriter(path, Encoding.ASCII, options);
                writer.Write(fresh);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another instance created it first; use theirs.
            }
        }

        return new AuditCheckpointKey(Convert.FromBase64String(File.ReadAllText(path).Trim()));
    }

    public string Sign(Guid chainId, long sequence, string hash, DateTimeOffset createdAt)
    {
        var message = string.Join('|', chainId.ToString("N"), sequence.ToString(CultureInfo.InvariantCulture), hash,
            createdAt.UtcTicks.ToString(CultureInfo.InvariantCulture));
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(message)));
    }

    public bool IsGenuine(AuditCheckpoint checkpoint) =>
        CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Sign(checkpoint.ChainId, checkpoint.Sequence, checkpoint.Hash, checkpoint.CreatedAt)),
            Encoding.ASCII.GetBytes(checkpoint.Signature));
}
