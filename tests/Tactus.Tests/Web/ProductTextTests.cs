using System.Text.Json;
using System.Text.RegularExpressions;

namespace Tactus.Tests.Web;

/// <summary>
/// The product's own words never point at internal files (issue 10 §6): what a clinician, patient or payer reads
/// cites the published source, or says the point is not reviewed yet. Review notes (keys starting "_") and code
/// comments may name the reference file; text shown to people may not.
/// </summary>
public sealed partial class ProductTextTests
{
    private static readonly string[] Internal = ["clinical.md", "shared/reference", "Reference/Clinical", ".json", "issue 0", "issue 1"];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tactus.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (Tactus.slnx) was not found.");
    }

    [Fact]
    public void ReferenceData_ShownToPeople_NamesNoInternalFile()
    {
        var assembly = typeof(Tactus.Web.Features.Screening.ClinicalReference).Assembly;
        var found = new List<string>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            Walk(JsonDocument.Parse(stream).RootElement, name, found);
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void PagesAndMessages_NameNoInternalFile()
    {
        var root = Path.Combine(RepositoryRoot(), "src", "Tactus.Web");
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cshtml", SearchOption.AllDirectories))
        {
            var text = RazorComment().Replace(File.ReadAllText(file), "");
            found.AddRange(Internal.Where(i => text.Contains(i, StringComparison.Ordinal)).Select(i => $"{Path.GetFileName(file)}: {i}"));
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "Features"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (var line in File.ReadLines(file).Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)))
            {
                found.AddRange(StringLiteral().Matches(line).Select(m => m.Value)
                    .Where(literal => Internal.Take(3).Any(i => literal.Contains(i, StringComparison.Ordinal))).Select(literal => $"{Path.GetFileName(file)}: {literal}"));
            }
        }

        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    private static void Walk(JsonElement element, string path, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject().Where(p => !p.Name.StartsWith('_')))
                {
                    Walk(property.Value, $"{path}.{property.Name}", found);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", found);
                }

                break;
            case JsonValueKind.String:
                var text = element.GetString()!;
                found.AddRange(Internal.Where(i => text.Contains(i, StringComparison.Ordinal)).Select(i => $"{path}: {text}"));
                break;
        }
    }

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();
}
