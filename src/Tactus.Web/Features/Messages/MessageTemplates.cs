using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Messages;

/// <summary>Puts an organisation's own wording, when it has one for the kind, on a message Tactus built.</summary>
public sealed class MessageTemplates(TactusDbContext db)
{
    private Dictionary<string, MessageTemplate>? _templates;

    /// <summary>The message as built, or in the organisation's wording with the placeholders filled from <paramref name="values"/>.</summary>
    public async Task<OutboxMessage> ApplyAsync(OutboxMessage message, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        _templates ??= await db.MessageTemplates.AsNoTracking().ToDictionaryAsync(t => t.Kind, cancellationToken);
        if (message.Channel == MessageChannel.Email && _templates.TryGetValue(message.Kind, out var template))
        {
            message.Subject = MessageTemplate.Fill(template.Subject, values);
            message.Body = MessageTemplate.Fill(template.Body, values);
        }

        return message;
    }
}
