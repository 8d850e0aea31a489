using Tactus.Web.Web;

namespace Tactus.Web.Features.Smart;

/// <summary>What a token may do to one kind of FHIR resource, in SMART App Launch 2.0's letters (§3.3 "Scopes").</summary>
[Flags]
public enum FhirPermission
{
    None = 0,
    Create = 1,
    Read = 2,
    Update = 4,
    Delete = 8,
    Search = 16,
}

/// <summary>Whose data a clinical scope is about: the patient in context, whatever the user may see, or a backend system's.</summary>
public enum ScopeContext
{
    Patient,
    User,
    System,
}

/// <summary>One clinical scope, such as <c>patient/Observation.rs</c> (v2) or <c>user/*.read</c> (v1).</summary>
/// <param name="ResourceType">A FHIR resource type, or <c>*</c> for every type.</param>
public sealed record ClinicalScope(ScopeContext Context, string ResourceType, FhirPermission Permissions)
{
    public bool Covers(string resourceType, FhirPermission wanted) =>
        (ResourceType == "*" || ResourceType == resourceType) && (Permissions & wanted) == wanted;
}

/// <summary>
/// SMART App Launch 2.0 scopes (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html): clinical scopes in
/// the v2 form (<c>context/Type.cruds</c>, letters in that order) and the v1 form (<c>.read</c>, <c>.write</c>, <c>.*</c>),
/// and the launch and identity scopes. A scope with v2 search restrictions (<c>?category=…</c>) is not granted: Tactus
/// cannot yet honour the restriction, and a scope is never widened into what it did not ask for.
/// </summary>
[PureEngine]
public static class SmartScopes
{
    public const string OpenId = "openid";
    public const string FhirUser = "fhirUser";
    public const string Launch = "launch";
    public const string LaunchPatient = "launch/patient";
    public const string OfflineAccess = "offline_access";
    public const string OnlineAccess = "online_access";

    /// <summary>Scopes that are not clinical and that Tactus grants as they are.</summary>
    public static readonly IReadOnlySet<string> NonClinical = new HashSet<string>(StringComparer.Ordinal)
    {
        OpenId, FhirUser, Launch, LaunchPatient, OfflineAccess, OnlineAccess, "profile",
    };

    /// <summary>The clinical scope a string names, or null when it is not one (or one Tactus does not grant).</summary>
    public static ClinicalScope? Parse(string scope)
    {
        var slash = scope.IndexOf('/', StringComparison.Ordinal);
        var dot = scope.LastIndexOf('.');
        if (slash <= 0 || dot <= slash + 1 || dot == scope.Length - 1 || scope.Contains('?', StringComparison.Ordinal))
        {
            return null;
        }

        ScopeContext? context = scope[..slash] switch
        {
            "patient" => ScopeContext.Patient,
            "user" => ScopeContext.User,
            "system" => ScopeContext.System,
            _ => null,
        };
        var type = scope[(slash + 1)..dot];
        if (context is null || !(type == "*" || IsResourceTypeName(type)) || Permissions(scope[(dot + 1)..]) is not { } permissions)
        {
            return null;
        }

        return new ClinicalScope(context.Value, type, permissions);
    }

    /// <summary>The clinical scopes among a space-separated or listed set; the rest are left out.</summary>
    public static IReadOnlyList<ClinicalScope> Clinical(IEnumerable<string> scopes) => scopes.Select(Parse).OfType<ClinicalScope>().ToList();

    /// <summary>True when one of the scopes allows this interaction on this type in one of the contexts given.</summary>
    public static bool Allows(IEnumerable<ClinicalScope> scopes, string resourceType, FhirPermission wanted, params ScopeContext[] contexts) =>
        scopes.Any(s => contexts.Contains(s.Context) && s.Covers(resourceType, wanted));

    /// <summary>A scope string Tactus understands (clinical, launch or identity): anything else is refused at authorisation.</summary>
    public static bool IsKnown(string scope) => NonClinical.Contains(scope) || Parse(scope) is not null;

    /// <summary>v2 "cruds" in order (each letter at most once), or v1 read / write / *.</summary>
    private static FhirPermission? Permissions(string text)
    {
        switch (text)
        {
            case "read":
                return FhirPermission.Read | FhirPermission.Search;
            case "write":
                return FhirPermission.Create | FhirPermission.Update | FhirPermission.Delete;
            case "*":
                return FhirPermission.Create | FhirPermission.Read | FhirPermission.Update | FhirPermission.Delete | FhirPermission.Search;
        }

        const string order = "cruds";
        var permissions = FhirPermission.None;
        var position = 0;
        foreach (var letter in text)
        {
            var at = order.IndexOf(letter, position);
            if (at < 0)
            {
                return null; // an unknown letter, a repeat or the wrong order
            }

            permissions |= (FhirPermission)(1 << at); // the enum's bits follow the letters' order
            position = at + 1;
        }

        return permissions == FhirPermission.None ? null : permissions;
    }

    private static bool IsResourceTypeName(string type) =>
        type.Length is > 0 and < 64 && char.IsAsciiLetterUpper(type[0]) && type.All(char.IsAsciiLetter);

    /// <summary>Words a person reads on the consent screen for a scope.</summary>
    public static string Describe(string scope)
    {
        switch (scope)
        {
            case OpenId:
                return "Know who you are (your Tactus account)";
            case FhirUser:
                return "Know your role and name in Tactus";
            case Launch:
                return "Open in the context of the record you are viewing";
            case LaunchPatient:
                return "Choose one patient to work with";
            case OfflineAccess:
                return "Keep access after you close the app, until you revoke it";
            case OnlineAccess:
                return "Keep access while you are signed in";
            case "profile":
                return "Know your name";
        }

        if (Parse(scope) is not { } clinical)
        {
            return scope;
        }

        var verbs = new List<string>();
        if (clinical.Permissions.HasFlag(FhirPermission.Read) || clinical.Permissions.HasFlag(FhirPermission.Search))
        {
            verbs.Add(clinical.Permissions.HasFlag(FhirPermission.Read) && clinical.Permissions.HasFlag(FhirPermission.Search) ? "read and search"
                : clinical.Permissions.HasFlag(FhirPermission.Read) ? "read" : "search");
        }

        if (clinical.Permissions.HasFlag(FhirPermission.Create))
        {
            verbs.Add("create");
        }

        if (clinical.Permissions.HasFlag(FhirPermission.Update))
        {
            verbs.Add("change");
        }

        if (clinical.Permissions.HasFlag(FhirPermission.Delete))
        {
            verbs.Add("delete");
        }

        var verbPhrase = Capitalise(verbs.Count == 1 ? verbs[0] : string.Join(", ", verbs[..^1]) + " and " + verbs[^1]);
        var records = clinical.ResourceType == "*" ? "whole record" : $"{clinical.ResourceType} records";
        return clinical.Context switch
        {
            ScopeContext.Patient => $"{verbPhrase} the chosen patient's {records}",
            ScopeContext.User => clinical.ResourceType == "*" ? $"{verbPhrase} the whole record of every patient you may see" : $"{verbPhrase} {records} of every patient you may see",
            _ => clinical.ResourceType == "*" ? $"{verbPhrase} the whole record of every patient in the organisation" : $"{verbPhrase} {records} of every patient in the organisation",
        };
    }

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
