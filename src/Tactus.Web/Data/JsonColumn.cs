using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Tactus.Web.Data;

/// <summary>
/// Small documents and value objects stored as JSON text, the same on SQLite and PostgreSQL, compared by
/// content so EF notices changes inside them. One place, so every feature stores JSON the same way.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <param name="required">False for an optional document (stored as NULL when absent).</param>
    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property, bool required = true)
    {
        property.HasConversion(new ValueConverter<T, string>(
            v => JsonSerializer.Serialize(v, Options), s => JsonSerializer.Deserialize<T>(s, Options)!));
        property.Metadata.SetValueComparer(new ValueComparer<T>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
        return property.IsRequired(required);
    }
}
