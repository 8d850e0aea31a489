using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tactus.Web.Web;

/// <summary>
/// Says which field of an unreadable JSON body is wrong, from the serializer's exception: a null where none
/// is allowed, a missing required value, a null list element, a value of the wrong type.
/// </summary>
public static partial class RequestBodyProblem
{
    public static (string Detail, Dictionary<string, string[]> Errors) Describe(JsonException json)
    {
        var field = FieldOf(json.Path);
        var message = json.Message;
        if (MissingRequired().Match(message) is { Success: true } missing)
        {
            var names = Quoted().Matches(missing.Groups[1].Value).Select(m => Join(field, m.Groups[1].Value)).ToList();
            return ($"Required: {string.Join(", ", names)}.", names.ToDictionary(n => n, _ => new[] { "This field is required." }));
        }

        var text = message.Contains("doesn't allow setting null values", StringComparison.Ordinal)
            || message.Contains("non-nullable", StringComparison.OrdinalIgnoreCase)
            ? "This field must not be null."
            : message.StartsWith("Item ", StringComparison.Ordinal) || message.StartsWith("Expected", StringComparison.Ordinal)
                ? message[..(message.IndexOf(" Path:", StringComparison.Ordinal) is var cut and > 0 ? cut : message.Length)]
                : "This value is not of the expected type or format.";
        var key = field.Length == 0 ? "body" : field;
        return ($"{key}: {text}", new Dictionary<string, string[]> { [key] = [text] });
    }

    /// <summary>"$.services[0].minutes" becomes "services[0].minutes".</summary>
    private static string FieldOf(string? path) => path is null ? "" : path.TrimStart('$').TrimStart('.');

    private static string Join(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    [GeneratedRegex("missing required properties,? including:? (.*)", RegexOptions.None, 100)]
    private static partial Regex MissingRequired();

    [GeneratedRegex("'([^']+)'", RegexOptions.None, 100)]
    private static partial Regex Quoted();
}
