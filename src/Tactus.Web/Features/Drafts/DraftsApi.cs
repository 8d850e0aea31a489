using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Drafts;

/// <summary>
/// PUT /api/drafts keeps what a person is typing; GET /api/drafts gives it back on their next visit to the page;
/// DELETE discards it. POST /api/session/keep-alive renews a session the person chose to keep ("stay signed in").
/// </summary>
public static class DraftsApi
{
    public const int MaxFields = 200;
    public const int MaxCharacters = 100_000;

    public sealed class DraftInput
    {
        [Required]
        [StringLength(300)]
        public string? Key { get; set; }

        [Required]
        public Dictionary<string, List<string>> Fields { get; set; } = [];
    }

    public sealed record DraftDto(string Key, IReadOnlyDictionary<string, List<string>> Fields, DateTimeOffset SavedAt);

    public static IEndpointRouteBuilder MapDraftsApi(this IEndpointRouteBuilder app)
    {
        var drafts = app.MapGroup("/api/drafts").RequireAuthorization(Policies.Staff);
        drafts.MapGet("/", GetAsync);
        drafts.MapPut("/", SaveAsync).Accepts<DraftInput>("application/json");
        drafts.MapDelete("/", DiscardAsync);
        app.MapPost("/api/session/keep-alive", KeepAlive).RequireAuthorization();
        return app;
    }

    /// <summary>An authenticated request renews the sliding session cookie; the person asked to stay signed in.</summary>
    private static NoContent KeepAlive() => TypedResults.NoContent();

    /// <summary>The draft, or 204 when there is none (the usual case: not an error).</summary>
    private static async Task<Results<Ok<DraftDto>, NoContent>> GetAsync(string key, TactusDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var draft = await db.FormDrafts.AsNoTracking().SingleOrDefaultAsync(d => d.Key == key, cancellationToken);
        return draft is null || time.GetUtcNow() - draft.SavedAt > FormDraft.KeptFor
            ? TypedResults.NoContent()
            : TypedResults.Ok(new DraftDto(draft.Key, draft.Fields, draft.SavedAt));
    }

    private static async Task<Results<NoContent, ValidationProblem>> SaveAsync(DraftInput input, TactusDbContext db, AccessScope scope, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (input.Fields.Count > MaxFields || input.Fields.Sum(f => f.Key.Length + f.Value.Sum(v => v.Length)) > MaxCharacters || !input.Key!.StartsWith('/'))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["fields"] = [$"A draft is a page path and at most {MaxFields} fields of {MaxCharacters} characters in all."] });
        }

        var userId = scope.UserId ?? throw new DomainRuleException("forbidden", "Sign in to keep a draft.", 403);
        var draft = await db.FormDrafts.SingleOrDefaultAsync(d => d.Key == input.Key, cancellationToken);
        if (draft is null)
        {
            draft = new FormDraft { OrganizationId = scope.OrganizationId!.Value, UserId = userId, Key = input.Key };
            db.FormDrafts.Add(draft);
        }

        // Security fields are never kept: the antiforgery token is per form.
        draft.Fields = input.Fields.Where(f => !f.Key.StartsWith("__", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value);
        draft.SavedAt = time.GetStorageNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> DiscardAsync(string key, TactusDbContext db, CancellationToken cancellationToken)
    {
        await db.FormDrafts.Where(d => d.Key == key).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
