using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Messages;

/// <summary>
/// An organisation's own wording for a message patients receive (issue 13 §2, per-organisation templates): its subject
/// and body with placeholders that Tactus fills in. Only placeholders that carry no clinical detail exist, so a template
/// cannot put a diagnosis or a score into a message; the link placeholder is required, so a message always leads back.
/// </summary>
public sealed partial class MessageTemplate : IOrganizationOwned, IAudited
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public required string Kind { get; init; }
    public required string Subject { get; set; }
    public required string Body { get; set; }

    /// <summary>The kinds an organisation may word, and the placeholders each may use.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Placeholders = new Dictionary<string, string[]>
    {
        [AppointmentMessages.Booked] = ["organization", "when", "link"],
        [AppointmentMessages.Reminder] = ["organization", "when", "link"],
        [PatientMessages.QuestionnaireLinkKind] = ["organization", "link", "expires"],
    };

    /// <summary>Why the wording cannot be used, or null when it can.</summary>
    public static string? Problem(string kind, string? subject, string? body)
    {
        if (!Placeholders.TryGetValue(kind, out var allowed))
        {
            return "This kind of message cannot be worded by the organisation.";
        }

        if (string.IsNullOrWhiteSpace(subject) || subject.Length > 200 || string.IsNullOrWhiteSpace(body) || body.Length > 2000)
        {
            return "Give a subject of at most 200 characters and a body of at most 2,000.";
        }

        var used = Placeholder().Matches(subject + body).Select(m => m.Groups[1].Value).Distinct().ToList();
        if (used.Except(allowed).ToList() is { Count: > 0 } unknown)
        {
            return $"Unknown placeholder {string.Join(", ", unknown.Select(u => "{" + u + "}"))}; this message may use {string.Join(", ", allowed.Select(a => "{" + a + "}"))}.";
        }

        return body.Contains("{link}", StringComparison.Ordinal) ? null : "The body must contain {link}, so the message leads back to Tactus.";
    }

    /// <summary>The wording with its placeholders filled in.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    public void Reword(string subject, string body)
    {
        if (Problem(Kind, subject, body) is { } problem)
        {
            throw new DomainRuleException("template-invalid", problem, StatusCodes.Status422UnprocessableEntity);
        }

        (Subject, Body) = (subject.Trim(), body.Trim());
    }

    [GeneratedRegex(@"\{([a-z]+)\}")]
    private static partial Regex Placeholder();
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Kind).HasMaxLength(50);
        builder.Property(t => t.Subject).HasMaxLength(200);
        builder.Property(t => t.Body).HasMaxLength(2000);
        builder.HasIndex(t => new { t.OrganizationId, t.Kind }).IsUnique();
    }
}
