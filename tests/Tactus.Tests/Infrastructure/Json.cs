using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tactus.Tests.Infrastructure;

public static class Json
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static Task<T?> ReadAsync<T>(this HttpResponseMessage response) => response.Content.ReadFromJsonAsync<T>(Options);

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        (await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync())).RootElement.Clone();

    public static StringContent Body(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
