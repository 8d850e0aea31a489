using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Drafts;

/// <summary>
/// Text a person has typed into a long form (an intake, a session note, a plan) and not yet saved, kept on the server
/// as they type so that a session that times out loses nothing: signing in again returns to the page and offers the
/// text back. Only its author reads it (a query filter), and drafts are not kept in the browser, which may be shared.
/// </summary>
public sealed class FormDraft : IOrganizationOwned, IAudited
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromDays(7);

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid UserId { get; init; }

    /// <summary>The page the form is on, e.g. "/Sessions/Edit/{id}".</summary>
    public required string Key { get; init; }

    /// <summary>The form's fields as typed (name to values), stored as JSON.</summary>
    public Dictionary<string, List<string>> Fields { get; set; } = [];

    public DateTimeOffset SavedAt { get; set; }
}
