using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Tactus.Web.Web;

/// <summary>What every paged list shares: the check of a client's page and page size, and the pager under a page's table.</summary>
public static class Paging
{
    /// <summary>The problem to answer when page or pageSize is out of range; null when both are acceptable (or absent).</summary>
    public static ValidationProblem? Problem(int? page, int? pageSize, int maxPageSize) =>
        page is < 1 || pageSize is < 1 || pageSize > maxPageSize
            ? TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["pageSize"] = [$"page must be 1 or more and pageSize between 1 and {maxPageSize}."],
            })
            : null;

    /// <summary>Counts, then reads only the asked page; a page past the end shows the last one.</summary>
    public static async Task<PagedList<TRow>> ReadPageAsync<TRow>(IQueryable<TRow> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var pageNumber = PageNumberFor(page, total, pageSize);
        List<TRow> rows = total == 0 ? [] : await ordered.Skip((pageNumber - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new PagedList<TRow>(rows, total, pageNumber, pageSize);
    }

    public static int PageNumberFor(int page, int total, int pageSize) => Math.Clamp(page, 1, Math.Max(1, (total + pageSize - 1) / pageSize));
}

/// <summary>The model of Shared/_Pager: where the reader is, how many pages there are, and the link to any page.</summary>
/// <param name="Label">Names the pager for screen readers when a page has several lists.</param>
public sealed record Pager(int PageNumber, int PageCount, Func<int, string> Link, string Label = "Pages");

/// <summary>The model of Shared/_MorePager, for a list that says whether more follow instead of counting every match.</summary>
public sealed record MorePager(int PageNumber, bool HasMore, Func<int, string> Link);

/// <summary>One page of a list the database sorted and cut, with the count of the whole list.</summary>
public sealed record PagedList<T>(IReadOnlyList<T> Rows, int Total, int PageNumber, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public PagedList<TOut> Map<TOut>(Func<T, TOut> map) => new([.. Rows.Select(map)], Total, PageNumber, PageSize);
}
