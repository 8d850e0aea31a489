using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tactus.Web.Web;

/// <summary>
/// Refuses a null element in any list or array of objects or strings in a request (<c>"services": [null]</c>),
/// naming where it is, so a handler never meets one. Nulls in place of a whole list or a non-nullable field
/// are refused by <see cref="JsonSerializerOptions.RespectNullableAnnotations"/>; this covers the elements,
/// which nullability annotations on generic arguments cannot reach at run time.
/// </summary>
public sealed class NoNullElementsConverter : JsonConverterFactory
{
    private static readonly HashSet<Type> Shapes =
        [typeof(List<>), typeof(IList<>), typeof(IReadOnlyList<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>), typeof(IEnumerable<>)];

    public override bool CanConvert(Type typeToConvert) => ElementOf(typeToConvert) is { IsValueType: false };

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(ElementsConverter<,>).MakeGenericType(typeToConvert, ElementOf(typeToConvert)!))!;

    private static Type? ElementOf(Type type) =>
        type.IsArray && type.GetArrayRank() == 1 ? type.GetElementType()
        : type.IsGenericType && Shapes.Contains(type.GetGenericTypeDefinition()) ? type.GetGenericArguments()[0]
        : null;

    private sealed class ElementsConverter<TCollection, TElement> : JsonConverter<TCollection>
        where TCollection : class, IEnumerable<TElement>
    {
        public override TCollection? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("Expected a list.");
            }

            var items = new List<TElement>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.Null)
                {
                    throw new JsonException($"Item {items.Count} of the list is null; leave it out or give a value.");
                }

                items.Add(JsonSerializer.Deserialize<TElement>(ref reader, options)!);
            }

            return (typeof(TCollection).IsArray ? (object)items.ToArray() : items) as TCollection;
        }

        public override void Write(Utf8JsonWriter writer, TCollection value, JsonSerializerOptions options)
        {
            writer.WriteStartArray();
            foreach (var item in value)
            {
                JsonSerializer.Serialize(writer, item, options);
            }

            writer.WriteEndArray();
        }
    }
}
