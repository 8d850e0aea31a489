namespace Tactus.Tests.Infrastructure;

/// <summary>Reads a CSV file Tactus wrote (RFC 4180: quoted fields, doubled quotes, CRLF lines) into rows keyed by the header.</summary>
public static class CsvRows
{
    public static List<Dictionary<string, string>> Parse(string csv)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = Fields(lines[0]);
        return lines.Skip(1).Select(line => header.Zip(Fields(line)).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                current.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
