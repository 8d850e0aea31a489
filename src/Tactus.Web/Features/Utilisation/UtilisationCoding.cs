using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Utilisation;

/// <summary>
/// Which coded service is which kind of health-care use (issue 14 §2), from the reviewed
/// Reference/Clinical/utilisation-codes.json: CPT ranges for imaging, injections, spine surgery, physiotherapy
/// evaluations and emergency visits, and the encounter class of an emergency visit. A code outside every range is not
/// use the programme follows. Pure: no web, no database.
/// </summary>
[PureEngine]
public sealed class UtilisationCoding
{
    public const string CptSystem = "http://www.ama-assn.org/go/cpt";

    private sealed record Range(UtilisationKind Kind, string From, string To, string Label);

    private sealed record File(string Source, string EmergencyEncounterClass, List<Range> Ranges);

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly File _file;

    public UtilisationCoding()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Tactus.Web.Reference.Clinical.utilisation-codes.json")
            ?? throw new InvalidOperationException("The utilisation code ranges (utilisation-codes) are not embedded.");
        _file = JsonSerializer.Deserialize<File>(stream, Options) ?? throw new InvalidOperationException("utilisation-codes.json is empty.");
    }

    public string EmergencyEncounterClass => _file.EmergencyEncounterClass;

    /// <summary>The kind a CPT code counts as, or null (a five-digit code compares as text within each range).</summary>
    public UtilisationKind? ForCpt(string? code) =>
        code is { Length: 5 } && code.All(char.IsAsciiDigit)
            ? _file.Ranges.FirstOrDefault(r => string.CompareOrdinal(code, r.From) >= 0 && string.CompareOrdinal(code, r.To) <= 0)?.Kind
            : null;
}
