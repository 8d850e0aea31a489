namespace Tactus.Web.Web;

/// <summary>
/// A business rule refused the operation (an invalid transition, a stale edit). One type, turned
/// into a 409/422 problem for /api and a form error for pages, in one place each.
/// </summary>
public sealed class DomainRuleException(string code, string message, int statusCode = StatusCodes.Status409Conflict)
    : Exception(message)
{
    public string Code { get; } = code;
    public int StatusCode { get; } = statusCode;

    /// <summary>Facts a client acts on, sent as problem-detail extensions (e.g. the ids of possible duplicates).</summary>
    public IReadOnlyDictionary<string, object?> Extensions { get; init; } = new Dictionary<string, object?>();
}
