using Microsoft.AspNetCore.Http.HttpResults;

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
}

/// <summary>The model of Shared/_Pager: where the reader is, how many pages there are, and the link to any page.</summary>
public sealed record Pager(int PageNumber, int PageCount, Func<int, string> Link);
