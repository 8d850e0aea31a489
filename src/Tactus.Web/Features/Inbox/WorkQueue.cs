using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Audit;

namespace Tactus.Web.Features.Inbox;

/// <summary>One row of a work list: what to act on, for which patient, since when, and where it is done.</summary>
public sealed class WorkRow
{
    public Guid Id { get; init; }
    public Guid? PatientId { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateOnly? Day { get; init; }
    public string? Detail { get; init; }
}

/// <summary>An item as shown: the link's words (what and for whom), an optional note beside it, and where it is done.</summary>
public sealed record WorkItem(WorkRow Row, string Label, string? Note, string Link);

/// <summary>A kind of work as the inbox shows it: how many are waiting, the longest-waiting few, and where all of them are.</summary>
public sealed record WorkList(string Kind, string Title, string HowDone, int Count, IReadOnlyList<WorkItem> Items, string? AllLink);

/// <summary>
/// A kind of work one role does (issue 13 §3): the query that says what is waiting (counted in SQL for the navigation)
/// and its rows, ordered and cut in SQL. Rows that carry patient data are read through the read audit.
/// </summary>
public interface IWorkQueue
{
    string Kind { get; }

    Task<int> CountAsync(CancellationToken cancellationToken);

    Task<WorkList> LoadAsync(TactusDbContext db, int take, CancellationToken cancellationToken);
}

internal sealed class WorkQueue<T>(string kind, string title, string howDone, IQueryable<T> waiting,
    Func<IQueryable<T>, IQueryable<WorkRow>> rows, Func<WorkRow, string> link, string? auditedAs, string? allLink = null,
    Func<WorkRow, string?, (string Label, string? Note)>? describe = null) : IWorkQueue
{
    public string Kind => kind;

    public Task<int> CountAsync(CancellationToken cancellationToken) => waiting.CountAsync(cancellationToken);

    public async Task<WorkList> LoadAsync(TactusDbContext db, int take, CancellationToken cancellationToken)
    {
        var count = await waiting.CountAsync(cancellationToken);
        var top = rows(waiting).Take(take);
        var found = count == 0 ? []
            : auditedAs is null ? await top.ToListAsync(cancellationToken)
            : await top.ToAuditedListAsync(db, auditedAs, r => r.Id, r => r.PatientId ?? Guid.Empty, cancellationToken);
        var names = await Patients.PatientNames.ForAsync(db, found.Where(r => r.PatientId is not null).Select(r => r.PatientId!.Value).Distinct().ToList(), cancellationToken);
        var items = found.Select(r =>
        {
            var name = r.PatientId is { } patient ? names.GetValueOrDefault(patient, "Patient") : null;
            var (label, note) = (describe ?? Describe)(r, name);
            return new WorkItem(r, label, note, link(r));
        }).ToList();
        return new WorkList(kind, title, howDone, count, items, count > items.Count ? allLink : null);
    }

    /// <summary>"Progress report for Mara Quill": what the item is, for whom.</summary>
    private static (string, string?) Describe(WorkRow row, string? patientName) =>
        (row.Detail is { } what ? patientName is null ? what : $"{what} for {patientName}" : patientName ?? "Open", null);
}
