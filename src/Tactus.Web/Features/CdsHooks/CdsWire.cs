using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tactus.Web.Features.CdsHooks;

/// <summary>A CDS Hooks 2.0 service call (specification "Calling a CDS Service"), as it arrives.</summary>
public sealed record CdsRequest(
    string? Hook,
    string? HookInstance,
    string? FhirServer,
    CdsFhirAuthorization? FhirAuthorization,
    JsonElement Context,
    Dictionary<string, JsonElement>? Prefetch);

/// <summary>The access token an EHR may pass so the service can read what it did not prefetch.</summary>
public sealed record CdsFhirAuthorization(
    [property: JsonPropertyName("access_token")] string? AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int? ExpiresIn,
    string? Scope,
    string? Subject);

public sealed record CdsResponse(IReadOnlyList<CdsCard> Cards);

/// <param name="Summary">At most 140 characters (specification "Card Attributes").</param>
/// <param name="Indicator">info, warning or critical.</param>
/// <param name="SelectionBehavior">Required when there are suggestions.</param>
public sealed record CdsCard(
    string Uuid,
    string Summary,
    string? Detail,
    string Indicator,
    CdsSource Source,
    IReadOnlyList<CdsSuggestion>? Suggestions = null,
    string? SelectionBehavior = null,
    IReadOnlyList<CdsCoding>? OverrideReasons = null,
    IReadOnlyList<CdsLink>? Links = null);

public sealed record CdsSource(string Label, string? Url = null, CdsCoding? Topic = null);

public sealed record CdsSuggestion(string Label, string Uuid, bool? IsRecommended, IReadOnlyList<CdsAction> Actions);

/// <param name="Resource">A FHIR resource in its JSON form.</param>
public sealed record CdsAction(string Type, string Description, JsonElement? Resource = null);

public sealed record CdsCoding(string Code, string System, string Display);

/// <param name="Type">absolute (a page to open) or smart (an app to launch).</param>
public sealed record CdsLink(string Label, string Url, string Type);

/// <summary>One service as discovery lists it.</summary>
public sealed record CdsServiceDescription(string Hook, string Title, string Description, string Id, IReadOnlyDictionary<string, string> Prefetch,
    string? UsageRequirements = null);

public sealed record CdsFeedbackRequest(IReadOnlyList<CdsFeedbackItem>? Feedback);

public sealed record CdsFeedbackItem(string? Card, string? Outcome, IReadOnlyList<CdsAcceptedSuggestion>? AcceptedSuggestions,
    CdsOverrideReason? OverrideReason, string? OutcomeTimestamp);

public sealed record CdsAcceptedSuggestion(string? Id);

public sealed record CdsOverrideReason(CdsReasonCoding? Reason, string? UserComment);

public sealed record CdsReasonCoding(string? Code, string? System, string? Display);

public static class CdsJson
{
    /// <summary>
    /// camelCase, nulls left out (an absent optional field, not a null one), and comments skipped: the specification's own
    /// feedback example carries one.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        MaxDepth = 64,
    };
}
