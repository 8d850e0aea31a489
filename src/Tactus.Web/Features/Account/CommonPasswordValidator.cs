using System.Reflection;
using Microsoft.AspNetCore.Identity;

namespace Tactus.Web.Features.Account;

/// <summary>
/// Refuses passwords found in breach corpora (ASVS 5.0 V6.2.12 at level 2) using a bundled list of the
/// most common ones, so it works offline. No composition rules (ASVS V6.2.5): length does the work.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<TactusUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<TactusUser> manager, TactusUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var lowered = password.ToLowerInvariant();
        var ownNames = new[] { user.Email, user.UserName, user.DisplayName }
            .Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.ToLowerInvariant());
        if (Common.Value.Contains(lowered) || ownNames.Any(n => lowered.Contains(n, StringComparison.Ordinal)))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is too common or contains your name or email. Choose a longer, more personal passphrase.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        using var stream = Assembly.GetExecutingAssembly()
            .GetManifestResourceStream("Tactus.Web.Reference.common-passwords.txt")!;
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
