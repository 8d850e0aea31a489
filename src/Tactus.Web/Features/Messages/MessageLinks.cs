namespace Tactus.Web.Features.Messages;

/// <summary>Where a message's link points: the address patients and staff reach Tactus at (<c>Tactus:PublicUrl</c>).</summary>
public static class MessageLinks
{
    public static string To(IConfiguration configuration, string path) =>
        (configuration["Tactus:PublicUrl"] ?? "http://localhost:5080").TrimEnd('/') + path;
}
