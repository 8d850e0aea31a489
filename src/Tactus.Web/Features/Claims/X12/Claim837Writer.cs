using System.Globalization;
using System.Text;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Claims.X12;

/// <summary>
/// Writes an ANSI X12 837P (005010X222A1) interchange: ISA/GS/ST envelopes, submitter (1000A) and receiver
/// (1000B), one billing provider (2000A/2010AA), and per claim a subscriber HL (2000B with SBR, 2010BA, 2010BB),
/// a patient HL only when the patient is not the subscriber (2000C/2010CA), the claim (2300 CLM, REF*G1, HI),
/// referring (2310A) and rendering (2310B) providers, and service lines (2400 LX, SV1, DTP*472, REF*6R).
/// Layout as summarised in clinical.md §2.7; SE counts every segment from ST to SE. Pure: same input, same bytes.
/// </summary>
[PureEngine]
public static class Claim837Writer
{
    public const string Version = "005010X222A1";

    public static string Write(InterchangeHeader header, BillingProviderParty provider, IReadOnlyList<ClaimDocument> claims)
    {
        if (claims.Count == 0)
        {
            throw new ArgumentException("An 837P holds at least one claim.", nameof(claims));
        }

        if (claims.FirstOrDefault(c => c.TotalCharge != c.Lines.Sum(l => l.Charge)) is { } unbalanced)
        {
            throw new ArgumentException($"Claim {unbalanced.ClaimNumber}: CLM02 must be the sum of its service lines.", nameof(claims));
        }

        var s = header.Separators;
        var control = header.ControlNumber.ToString("D9", CultureInfo.InvariantCulture);
        var output = new StringBuilder();
        var created = header.CreatedAt;

        // ISA is fixed width (106 characters with its terminator): ids padded to 15, control number to 9.
        output.Append(string.Join(s.Element, "ISA", "00", new string(' ', 10), "00", new string(' ', 10), "ZZ", Pad(header.SenderId, 15), "ZZ",
            Pad(header.ReceiverId, 15), created.ToString("yyMMdd", CultureInfo.InvariantCulture), created.ToString("HHmm", CultureInfo.InvariantCulture),
            s.Repetition.ToString(), "00501", control, "0", header.UsageIndicator, s.Component.ToString())).Append(s.Segment);
        var groupControl = header.ControlNumber.ToString(CultureInfo.InvariantCulture);
        output.Append(string.Join(s.Element, "GS", "HC", Clean(header.SenderId, s), Clean(header.ReceiverId, s),
            created.ToString("yyyyMMdd", CultureInfo.InvariantCulture), created.ToString("HHmm", CultureInfo.InvariantCulture), groupControl, "X", Version)).Append(s.Segment);

        var transaction = new List<string[]>
        {
            new[] { "ST", "837", "0001", Version },
            new[] { "BHT", "0019", "00", control, created.ToString("yyyyMMdd", CultureInfo.InvariantCulture), created.ToString("HHmm", CultureInfo.InvariantCulture), "CH" },
            new[] { "NM1", "41", "2", provider.Name, "", "", "", "", "46", provider.SubmitterId },
            new[] { "PER", "IC", provider.ContactName, "TE", Digits(provider.ContactPhone) },
            new[] { "NM1", "40", "2", provider.ReceiverName, "", "", "", "", "46", provider.ReceiverId },
            new[] { "HL", "1", "", "20", "1" },
            new[] { "NM1", "85", "2", provider.Name, "", "", "", "", "XX", provider.Npi },
            new[] { "N3", provider.AddressLine },
            new[] { "N4", provider.City, provider.State, Digits(provider.PostalCode) },
            new[] { "REF", "EI", Digits(provider.TaxId) },
        };

        var hl = 1;
        foreach (var claim in claims)
        {
            var subscriberHl = ++hl;
            var self = claim.Patient is null;
            transaction.Add(["HL", subscriberHl.ToString(CultureInfo.InvariantCulture), "1", "22", self ? "0" : "1"]);
            transaction.Add(["SBR", claim.Subscriber.PayerResponsibility, self ? "18" : "", claim.Subscriber.GroupNumber ?? "", "", "", "", "", "", claim.Subscriber.ClaimFilingIndicator]);
            transaction.AddRange(Person("IL", claim.Subscriber.Person, "MI", claim.Subscriber.MemberId, withDemographics: self));
            transaction.Add(["NM1", "PR", "2", claim.PayerName, "", "", "", "", "PI", claim.PayerId]);
            if (claim.Patient is { } patient)
            {
                transaction.Add(["HL", (++hl).ToString(CultureInfo.InvariantCulture), subscriberHl.ToString(CultureInfo.InvariantCulture), "23", "0"]);
                transaction.Add(["PAT", claim.Subscriber.RelationshipCode]);
                transaction.AddRange(Person("QC", patient, null, null, withDemographics: true));
            }

            transaction.Add(["CLM", claim.ClaimNumber, Amount(claim.TotalCharge), "", "", string.Join(s.Component, claim.PlaceOfService, "B", claim.FrequencyCode), "Y", "A", "Y", "Y"]);
            if (claim.AuthorizationNumber is { Length: > 0 } authorization)
            {
                transaction.Add(["REF", "G1", authorization]);
            }

            if (claim.OriginalPayerControlNumber is { Length: > 0 } original)
            {
                transaction.Add(["REF", "F8", original]);
            }

            // HI: the principal diagnosis is ABK, the others ABF; ICD-10-CM codes are sent without the dot.
            transaction.Add(["HI", .. claim.Diagnoses.Select((d, i) => string.Join(s.Component, i == 0 ? "ABK" : "ABF", d.Replace(".", "", StringComparison.Ordinal)))]);
            if (claim.Referring is { } referring)
            {
                transaction.Add(["NM1", "DN", "1", referring.FamilyName, referring.GivenName, "", "", "", "XX", referring.Npi]);
            }

            transaction.Add(["NM1", "82", "1", claim.Rendering.FamilyName, claim.Rendering.GivenName, "", "", "", "XX", claim.Rendering.Npi]);
            if (claim.Rendering.Taxonomy is { Length: > 0 } taxonomy)
            {
                // 2310B PRV: performing provider, qualifier PXC (Health Care Provider Taxonomy), 005010X222A1.
                transaction.Add(["PRV", "PE", "PXC", taxonomy]);
            }

            if (claim.PriorPayer is { } prior)
            {
                transaction.AddRange(OtherSubscriber(prior, self));
            }

            foreach (var line in claim.Lines)
            {
                transaction.Add(["LX", line.LineNumber.ToString(CultureInfo.InvariantCulture)]);
                transaction.Add(["SV1", string.Join(s.Component, new[] { "HC", line.Code }.Concat(line.Modifiers)), Amount(line.Charge), "UN",
                    line.Units.ToString(CultureInfo.InvariantCulture), "", "", string.Join(s.Component, line.DiagnosisPointers)]);
                transaction.Add(["DTP", "472", "D8", line.ServiceDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture)]);
                transaction.Add(["REF", "6R", line.ControlNumber]);
                if (claim.PriorPayer?.Lines.FirstOrDefault(l => l.LineNumber == line.LineNumber) is { } paid)
                {
                    transaction.AddRange(LineAdjudication(claim.PriorPayer, paid, s));
                }
            }
        }

        transaction.Add(["SE", (transaction.Count + 1).ToString(CultureInfo.InvariantCulture), "0001"]);
        foreach (var segment in transaction)
        {
            output.Append(Segment(segment, s));
        }

        output.Append(string.Join(s.Element, "GE", "1", groupControl)).Append(s.Segment);
        output.Append(string.Join(s.Element, "IEA", "1", control)).Append(s.Segment);
        return output.ToString();
    }

    /// <summary>Loop 2320 (other subscriber: SBR, AMT*D paid, OI), 2330A (other subscriber's name and id), 2330B (other payer).</summary>
    private static IEnumerable<string[]> OtherSubscriber(PriorPayerDocument prior, bool patientIsSubscriber)
    {
        yield return ["SBR", prior.Subscriber.PayerResponsibility, patientIsSubscriber ? "18" : prior.Subscriber.RelationshipCode, prior.Subscriber.GroupNumber ?? "",
            "", "", "", "", "", prior.Subscriber.ClaimFilingIndicator];
        yield return ["AMT", "D", Amount(prior.Paid)];
        yield return ["OI", "", "", "Y", "", "", "Y"];
        yield return ["NM1", "IL", "1", prior.Subscriber.Person.FamilyName, prior.Subscriber.Person.GivenName, "", "", "", "MI", prior.Subscriber.MemberId];
        yield return ["NM1", "PR", "2", prior.PayerName, "", "", "", "", "PI", prior.PayerId];
    }

    /// <summary>Loop 2430: what the prior payer paid for the line (SVD), its adjustments (CAS, one per group) and when (DTP*573).</summary>
    private static IEnumerable<string[]> LineAdjudication(PriorPayerDocument prior, PriorLinePayment line, X12Separators s)
    {
        yield return ["SVD", prior.PayerId, Amount(line.Paid), string.Join(s.Component, new[] { "HC", line.Code }.Concat(line.Modifiers)), "",
            line.Units.ToString(CultureInfo.InvariantCulture)];
        foreach (var group in line.Adjustments.GroupBy(a => a.Group))
        {
            yield return ["CAS", group.Key, .. group.SelectMany(a => new[] { a.Reason, Amount(a.Amount), "" })];
        }

        yield return ["DTP", "573", "D8", prior.AdjudicatedOn.ToString("yyyyMMdd", CultureInfo.InvariantCulture)];
    }

    private static IEnumerable<string[]> Person(string entity, PersonParty person, string? idQualifier, string? id, bool withDemographics)
    {
        yield return idQualifier is null
            ? ["NM1", entity, "1", person.FamilyName, person.GivenName]
            : ["NM1", entity, "1", person.FamilyName, person.GivenName, "", "", "", idQualifier, id!];
        if (person.AddressLine is { Length: > 0 })
        {
            yield return ["N3", person.AddressLine];
            yield return ["N4", person.City ?? "", person.State ?? "", Digits(person.PostalCode)];
        }

        if (withDemographics && person.BirthDate is { } birth)
        {
            yield return ["DMG", "D8", birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture), person.Sex ?? "U"];
        }
    }

    /// <summary>Data is upper case and never contains a delimiter; trailing empty elements are dropped, as X12 requires.</summary>
    private static string Segment(string[] elements, X12Separators s)
    {
        var values = elements.Select((e, i) => i == 0 ? e : Clean(e, s, keepComponent: IsComposite(elements[0], i))).ToList();
        while (values.Count > 1 && values[^1].Length == 0)
        {
            values.RemoveAt(values.Count - 1);
        }

        return string.Join(s.Element, values) + s.Segment;
    }

    private static bool IsComposite(string segment, int position) =>
        (segment, position) is ("CLM", 5) or ("SV1", 1) or ("SV1", 7) or ("SVD", 3) || segment == "HI";

    private static string Clean(string value, X12Separators s, bool keepComponent = false)
    {
        var upper = value.ToUpperInvariant();
        var chars = upper.Where(c => c != s.Element && c != s.Segment && c != s.Repetition && (keepComponent || c != s.Component) && c >= ' ');
        return new string(chars.ToArray()).Trim();
    }

    /// <summary>ISA06/ISA08 are fixed width: padded with spaces, or cut.</summary>
    internal static string Pad(string value, int width) => value.Length >= width ? value[..width] : value.PadRight(width);

    private static string Digits(string? value) => new((value ?? "").Where(char.IsAsciiDigit).ToArray());

    /// <summary>X12 decimal: no thousands separator, no trailing zeros ("120", "32.5").</summary>
    public static string Amount(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);
}
