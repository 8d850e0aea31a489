using System.Collections;
using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Features.Access;

namespace Tactus.Tests.Web;

/// <summary>
/// Walks every JSON request type the API accepts (issue 10 §1): for each field, a null where the contract
/// has none, a null element in a list, or a missing required value answers 400 problem details naming the
/// field, and nothing a client can send answers 500. The request types are found from the running app's
/// endpoints, so a new endpoint is walked without anyone adding it here.
/// </summary>
public sealed class RequestContractTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly NullabilityInfoContext Nullability = new();

    private sealed record Mutation(string Description, JsonObject Body, string? MustName);

    [Fact]
    public async Task EveryRequestType_RefusesNullsAndMissingValues_WithA400NamingTheField()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api", StringComparison.Ordinal) == true)
            .Select(e => (Endpoint: e, Body: e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType))
            .Where(e => e.Body is not null && e.Body != typeof(string))
            .ToList();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var role in new[] { Roles.Therapist, Roles.Clinician, Roles.Manager, Roles.Biller, Roles.Administrator })
        {
            clients[role] = await app.AsAsync(role);
        }

        var failures = new List<string>();
        Assert.True(endpoints.Count >= 20, $"only {endpoints.Count} JSON endpoints found");
        foreach (var (endpoint, body) in endpoints)
        {
            var method = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0];
            var url = Url(endpoint.RoutePattern.RawText!);
            var template = (JsonObject)Sample(body!, 0)!;
            var client = await AllowedClientAsync(clients.Values, method, url, template);
            if (client is null)
            {
                failures.Add($"{method} {url}: no demo role may call it");
                continue;
            }

            foreach (var mutation in Mutations(body!, template))
            {
                var response = await SendAsync(client, method, url, mutation.Body);
                var text = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.InternalServerError)
                {
                    failures.Add($"{method} {url} {mutation.Description}: 500");
                }
                else if (mutation.MustName is { } field && (response.StatusCode != HttpStatusCode.BadRequest
                    || !text.Contains(field, StringComparison.OrdinalIgnoreCase)))
                {
                    failures.Add($"{method} {url} {mutation.Description}: {(int)response.StatusCode} {Shorten(text)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Shorten(string text) => text.Length > 200 ? text[..200] : text;

    private static string Url(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, @"\{([^}:]+)(:[^}]+)?\}",
        m => m.Groups[2].Value == ":guid" ? Guid.NewGuid().ToString() : "NPRS");

    private static async Task<HttpClient?> AllowedClientAsync(IEnumerable<HttpClient> clients, string method, string url, JsonObject body)
    {
        foreach (var client in clients)
        {
            var response = await SendAsync(client, method, url, body);
            if (response.StatusCode is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden))
            {
                return client;
            }
        }

        return null;
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string method, string url, JsonObject body) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = Json.Body(body.ToJsonString()) });

    /// <summary>Every member, at every depth, set to null, given a null element (lists) or left out.</summary>
    private static IEnumerable<Mutation> Mutations(Type type, JsonObject template, string path = "")
    {
        foreach (var member in Members(type))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(member.Name);
            var here = path.Length == 0 ? name : $"{path}.{name}";
            var nullable = member.Nullable || IsNullableValue(member.Type);
            yield return new Mutation($"{here}=null", With(template, here, null), nullable ? null : name);
            if (ElementType(member.Type) is { IsValueType: false } element && !member.Type.IsAssignableTo(typeof(IDictionary)))
            {
                yield return new Mutation($"{here}=[null]", With(template, here, new JsonArray((JsonNode?)null)), name);
                if (element != typeof(string) && Sample(element, 1) is JsonObject elementTemplate)
                {
                    foreach (var inner in Mutations(element, elementTemplate))
                    {
                        yield return inner with { Description = $"{here}[0].{inner.Description}", Body = With(template, here, new JsonArray(inner.Body)) };
                    }
                }
            }

            yield return new Mutation($"{here} missing", Without(template, here), member.RequiredConstructorValue ? name : null);
            if (IsObject(member.Type) && Sample(member.Type, 1) is JsonObject nested && path.Count(c => c == '.') < 2)
            {
                foreach (var inner in Mutations(member.Type, nested))
                {
                    yield return inner with { Description = $"{here}.{inner.Description}", Body = With(template, here, inner.Body) };
                }
            }
        }
    }

    private sealed record Member(string Name, Type Type, bool Nullable, bool RequiredConstructorValue);

    private static IEnumerable<Member> Members(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        var parameters = constructor?.GetParameters() ?? [];
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || parameters.Any(a => a.Name == p.Name)))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetCustomAttribute<System.Text.Json.Serialization.JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var parameter = parameters.FirstOrDefault(a => string.Equals(a.Name, property.Name, StringComparison.OrdinalIgnoreCase));
            var state = parameter is not null ? Nullability.Create(parameter).WriteState : Nullability.Create(property).WriteState;
            yield return new Member(property.Name, property.PropertyType, state != NullabilityState.NotNull,
                parameter is { HasDefaultValue: false });
        }
    }

    private static bool IsNullableValue(Type type) => Nullable.GetUnderlyingType(type) is not null;

    private static bool IsObject(Type type) => type.IsClass && type != typeof(string) && ElementType(type) is null && !type.IsAssignableTo(typeof(IDictionary));

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments().Length == 1 && type.IsAssignableTo(typeof(IEnumerable)) ? type.GetGenericArguments()[0]
        : null;

    /// <summary>A well-formed value for a type: enough for the body to be read, not to be accepted.</summary>
    private static JsonNode? Sample(Type type, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string)) { return "M54.50"; }
        if (type == typeof(bool)) { return false; }
        if (type == typeof(int) || type == typeof(long) || type == typeof(short)) { return 1; }
        if (type == typeof(decimal) || type == typeof(double)) { return 1.5; }
        if (type == typeof(Guid)) { return Guid.NewGuid().ToString(); }
        if (type == typeof(DateOnly)) { return "2026-11-02"; }
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime)) { return "2026-11-02T10:00:00Z"; }
        if (type.IsEnum) { return Enum.GetNames(type)[0]; }
        if (type.IsAssignableTo(typeof(IDictionary))) { return new JsonObject(); }
        if (ElementType(type) is { } element) { return depth > 3 ? new JsonArray() : new JsonArray(Sample(element, depth + 1)); }
        if (depth > 4) { return null; }
        var result = new JsonObject();
        foreach (var member in Members(type))
        {
            result[JsonNamingPolicy.CamelCase.ConvertName(member.Name)] = Sample(member.Type, depth + 1);
        }

        return result;
    }

    private static JsonObject With(JsonObject template, string path, JsonNode? value)
    {
        var copy = (JsonObject)template.DeepClone();
        var (parent, name) = Locate(copy, path);
        if (parent is not null)
        {
            parent[name] = value?.DeepClone();
        }

        return copy;
    }

    private static JsonObject Without(JsonObject template, string path)
    {
        var copy = (JsonObject)template.DeepClone();
        var (parent, name) = Locate(copy, path);
        parent?.Remove(name);
        return copy;
    }

    private static (JsonObject? Parent, string Name) Locate(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonObject? node = root;
        foreach (var part in parts[..^1])
        {
            node = node?[part] as JsonObject;
        }

        return (node, parts[^1]);
    }
}
