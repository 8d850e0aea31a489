using Microsoft.EntityFrameworkCore;

namespace Tactus.Web.Features.Audit;

/// <summary>
/// Filters and sorts for the audit report (ONC §170.315(d)(3): by time range, sortable by each field).
/// Sort keys come from an allow-list, never from the request text (OpenEMR #1782: SQL injection through
/// the audit viewer's sort parameter).
/// </summary>
public sealed class AuditQuery
{
    public const int PageSize = 50;

    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Actor { get; set; }
    public string? Action { get; set; }
    public string? Outcome { get; set; }
    public Guid? PatientId { get; set; }
    public string? Sort { get; set; }
    public bool Descending { get; set; } = true;
    public int PageNumber { get; set; } = 1;

    public static readonly IReadOnlyList<string> SortKeys = ["time", "actor", "role", "action", "record", "patient", "address", "outcome"];

    /// <param name="users">The organisation's accounts: a person is found by any part of their name or e-mail there, and their
    /// entries by user id (an index), instead of testing every audit row's text.</param>
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> entries, IQueryable<Account.TactusUser> users)
    {
        var query = entries.AsNoTracking();
        if (From is { } from)
        {
            var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt >= start);
        }

        if (To is { } to)
        {
            var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            query = query.Where(e => e.OccurredAt < end);
        }

        if (!string.IsNullOrWhiteSpace(Actor))
        {
            // Entries of a matching account, or with exactly the address typed (a failed sign-in names an address with no account).
            var typed = Actor.Trim();
            var lower = typed.ToLowerInvariant();
            var matching = users.Where(u => u.Email!.ToLower().Contains(lower) || u.DisplayName.ToLower().Contains(lower)).Select(u => (Guid?)u.Id);
            query = query.Where(e => matching.Contains(e.UserId) || e.Actor == typed || e.Actor == lower);
        }

        if (!string.IsNullOrWhiteSpace(Action))
        {
            query = query.Where(e => e.Action == Action);
        }

        if (!string.IsNullOrWhiteSpace(Outcome))
        {
            query = query.Where(e => e.Outcome == Outcome);
        }

        if (PatientId is { } patientId)
        {
            query = query.Where(e => e.PatientId == patientId);
        }

        return (Sort, Descending) switch
        {
            ("actor", false) => query.OrderBy(e => e.Actor).ThenBy(e => e.Sequence),
            ("actor", true) => query.OrderByDescending(e => e.Actor).ThenByDescending(e => e.Sequence),
            ("role", false) => query.OrderBy(e => e.Role).ThenBy(e => e.Sequence),
            ("role", true) => query.OrderByDescending(e => e.Role).ThenByDescending(e => e.Sequence),
            ("action", false) => query.OrderBy(e => e.Action).ThenBy(e => e.Sequence),
            ("action", true) => query.OrderByDescending(e => e.Action).ThenByDescending(e => e.Sequence),
            ("record", false) => query.OrderBy(e => e.EntityType).ThenBy(e => e.EntityId).ThenBy(e => e.Sequence),
            ("record", true) => query.OrderByDescending(e => e.EntityType).ThenByDescending(e => e.EntityId).ThenByDescending(e => e.Sequence),
            ("patient", false) => query.OrderBy(e => e.PatientId).ThenBy(e => e.Sequence),
            ("patient", true) => query.OrderByDescending(e => e.PatientId).ThenByDescending(e => e.Sequence),
            ("address", false) => query.OrderBy(e => e.IpAddress).ThenBy(e => e.Sequence),
            ("address", true) => query.OrderByDescending(e => e.IpAddress).ThenByDescending(e => e.Sequence),
            ("outcome", false) => query.OrderBy(e => e.Outcome).ThenBy(e => e.Sequence),
            ("outcome", true) => query.OrderByDescending(e => e.Outcome).ThenByDescending(e => e.Sequence),
            (_, false) => query.OrderBy(e => e.Sequence),
            (_, true) => query.OrderByDescending(e => e.Sequence),
        };
    }
}
