using System.Globalization;
using System.Text;
using Tactus.Web.Features.Claims.X12;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Remittance;

/// <summary>
/// A stand-in payer for test interchanges (ISA15 = T) only, the way clearinghouses offer a test environment: it
/// answers an 837P with a balanced 835 (005010X221A1) for one payer's claims, so a demo or a new biller can practise
/// the whole loop. As a primary payer every line is allowed at 80 % of its charge (the rest CO-45) and 20 % of the
/// allowed amount is the patient's coinsurance (PR-2). As a secondary payer (SBR01 = S, the primary's adjudication in
/// loop 2430) it pays what the primary left to the patient and adjusts the rest as the prior payer's impact (OA-23),
/// with CLP02 = 2. The 835 carries what X221A1 requires: payer identification with N3/N4 and a PER*BL contact
/// (1000A), the payee (1000B), the patient (2100 NM1*QC) and TRN03 as "1" and a nine-digit identifier. Files made
/// here say they are test files and never touch a production batch.
/// </summary>
[PureEngine]
public static class TestPayer
{
    private sealed class LineRead(string procedure, decimal charge, string units)
    {
        public string Procedure => procedure;
        public decimal Charge => charge;
        public string Units => units;
        public string? Date { get; set; }
        public string? Control { get; set; }

        /// <summary>From loop 2430 on a secondary claim: what the primary paid and left to the patient.</summary>
        public decimal? PriorPaid { get; set; }
        public decimal PriorPatientShare { get; set; }
    }

    private sealed record Person(string Family, string Given, string? MemberId);

    private sealed record ClaimRead(string Number, string Responsibility, string PayerId, string PayerName, Person Patient, List<LineRead> Lines)
    {
        public bool Secondary => Responsibility == "S";
    }

    private sealed record Payee(string Name, string Npi, string Address, string City, string State, string PostalCode);

    /// <summary>Reads ISA15 from the fixed-width header alone: the desk asks this of every listed batch, so it must not parse whole files.</summary>
    public static bool IsTestInterchange(string interchange) =>
        interchange.Length >= X12Reader.IsaLength && interchange.StartsWith("ISA", StringComparison.Ordinal)
        && interchange[..X12Reader.IsaLength].Split(interchange[3]) is { Length: 17 } isa && isa[15] == "T";

    /// <summary>The payers (id, name) whose claims are in the interchange.</summary>
    public static IReadOnlyList<(string Id, string Name)> Payers(string interchange) =>
        [.. Read(interchange).Claims.Select(c => (c.PayerId, c.PayerName)).Distinct()];

    public static string Respond(string interchange, string payerId, DateOnly paymentDate, long controlNumber)
    {
        if (!IsTestInterchange(interchange))
        {
            throw new InvalidOperationException("The test payer only answers test interchanges (ISA15 = T).");
        }

        var (payee, all) = Read(interchange);
        var claims = all.Where(c => c.PayerId == payerId).ToList();
        var control = controlNumber.ToString("D9", CultureInfo.InvariantCulture);
        var date = paymentDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var body = new List<string>();
        var total = 0m;
        foreach (var claim in claims)
        {
            var lines = claim.Lines.Select(l => Adjudicate(l, claim.Secondary)).ToList();
            var paid = lines.Sum(l => l.Paid);
            total += paid;
            body.Add($"CLP*{claim.Number}*{(claim.Secondary ? "2" : "1")}*{Amount(claim.Lines.Sum(l => l.Charge))}*{Amount(paid)}*{Amount(lines.Sum(l => l.PatientShare))}*12*TEST{claim.Number}");
            body.Add(claim.Patient.MemberId is { Length: > 0 } member
                ? $"NM1*QC*1*{claim.Patient.Family}*{claim.Patient.Given}****MI*{member}"
                : $"NM1*QC*1*{claim.Patient.Family}*{claim.Patient.Given}");
            foreach (var l in lines)
            {
                body.Add($"SVC*{l.Line.Procedure}*{Amount(l.Line.Charge)}*{Amount(l.Paid)}**{l.Line.Units}");
                if (l.Line.Date is not null)
                {
                    body.Add($"DTM*472*{l.Line.Date}");
                }

                body.AddRange(l.Adjustments.Where(a => a.Amount != 0).Select(a => $"CAS*{a.Group}*{a.Reason}*{Amount(a.Amount)}"));
                if (l.Line.Control is not null)
                {
                    body.Add($"REF*6R*{l.Line.Control}");
                }

                body.Add($"AMT*B6*{Amount(l.Allowed)}");
            }
        }

        var payerName = claims.FirstOrDefault()?.PayerName ?? "TEST PAYER";
        var header = new List<string>
        {
            "ST*835*0001", $"BPR*I*{Amount(total)}*C*NON************{date}", $"TRN*1*TEST-{control}*{OriginatorId(payerId)}",
            $"N1*PR*{payerName} (TEST PAYER)", "N3*1 TEST PAYER WAY", "N4*NASHVILLE*TN*37201", "PER*BL*TEST PAYER EDI SUPPORT*TE*8005550100",
            $"N1*PE*{payee.Name}*XX*{payee.Npi}", $"N3*{payee.Address}", $"N4*{payee.City}*{payee.State}*{payee.PostalCode}",
            "LX*1",
        };
        var transaction = header.Concat(body).ToList();
        transaction.Add($"SE*{transaction.Count + 1}*0001");
        var output = new StringBuilder();
        output.Append($"ISA*00*          *00*          *ZZ*{Claim837Writer.Pad(payerId, 15)}*ZZ*{Claim837Writer.Pad("TACTUS", 15)}*{paymentDate:yyMMdd}*0900*^*00501*{control}*0*T*:~");
        output.Append($"GS*HP*{payerId}*TACTUS*{date}*0900*{controlNumber}*X*005010X221A1~");
        output.Append(string.Join("~", transaction)).Append('~');
        output.Append($"GE*1*{controlNumber}~IEA*1*{control}~");
        return output.ToString();
    }

    private sealed record Adjudicated(LineRead Line, decimal Allowed, decimal Paid, decimal PatientShare, IReadOnlyList<(string Group, string Reason, decimal Amount)> Adjustments);

    private static Adjudicated Adjudicate(LineRead line, bool secondary)
    {
        if (secondary)
        {
            // Pays what the primary left to the patient; the rest is the prior payer's impact (CARC 23), so nothing is paid twice.
            var paid = Math.Min(line.PriorPatientShare, line.Charge);
            return new Adjudicated(line, paid + (line.PriorPaid ?? 0), paid, 0m, [("OA", "23", line.Charge - paid)]);
        }

        var allowed = Math.Round(line.Charge * 0.8m, 2, MidpointRounding.AwayFromZero);
        var coinsurance = Math.Round(allowed * 0.2m, 2, MidpointRounding.AwayFromZero);
        return new Adjudicated(line, allowed, allowed - coinsurance, coinsurance, [("CO", "45", line.Charge - allowed), ("PR", "2", coinsurance)]);
    }

    /// <summary>TRN03: "1" followed by a nine-digit identifier (the payer's tax id; here made from its payer id's digits).</summary>
    private static string OriginatorId(string payerId)
    {
        var digits = new string(payerId.Where(char.IsAsciiDigit).ToArray()).PadLeft(9, '0');
        return "1" + digits[^9..];
    }

    private static (Payee Payee, List<ClaimRead> Claims) Read(string interchange)
    {
        var (separators, segments) = X12Reader.Read(interchange);
        var claims = new List<ClaimRead>();
        var payee = new Payee("", "", "", "", "", "");
        string responsibility = "P", payerId = "", payerName = "";
        Person? subscriber = null, patient = null;
        ClaimRead? claim = null;
        LineRead? line = null;
        var inProvider = false;
        foreach (var s in segments)
        {
            switch (s.Id)
            {
                case "NM1" when s[1] == "85": payee = payee with { Name = s[3], Npi = s[9] }; inProvider = true; break;
                case "N3" when inProvider: payee = payee with { Address = s[1] }; break;
                case "N4" when inProvider: payee = payee with { City = s[1], State = s[2], PostalCode = s[3] }; inProvider = false; break;
                case "HL":
                    (line, inProvider) = (null, false);
                    if (s[3] == "22")
                    {
                        (claim, patient, subscriber) = (null, null, null);
                    }

                    break;
                case "SBR" when claim is null: responsibility = s[1]; break;
                case "NM1" when claim is null && s[1] == "IL": subscriber = new Person(s[3], s[4], s[9]); break;
                case "NM1" when claim is null && s[1] == "QC": patient = new Person(s[3], s[4], null); break;
                case "NM1" when claim is null && s[1] == "PR": (payerId, payerName) = (s[9], s[3]); break;
                case "CLM":
                    var person = patient is null ? subscriber! : patient with { MemberId = subscriber?.MemberId };
                    claim = new ClaimRead(s[1], responsibility, payerId, payerName, person, []);
                    claims.Add(claim);
                    break;
                case "LX": line = null; break;
                case "SV1" when claim is not null:
                    line = new LineRead(s[1].Replace(separators.Component, ':'), decimal.Parse(s[2], CultureInfo.InvariantCulture), s[4]);
                    claim.Lines.Add(line);
                    break;
                case "DTP" when line is not null && s[1] == "472": line.Date = s[3]; break;
                case "REF" when line is not null && s[1] == "6R": line.Control = s[2]; break;
                case "SVD" when line is not null: line.PriorPaid = decimal.Parse(s[2], CultureInfo.InvariantCulture); break;
                case "CAS" when line?.PriorPaid is not null && s[1] == "PR":
                    for (var i = 3; i < s.Elements.Count; i += 3)
                    {
                        line.PriorPatientShare += s[i].Length > 0 ? decimal.Parse(s[i], CultureInfo.InvariantCulture) : 0m;
                    }

                    break;
            }
        }

        return (payee, claims);
    }

    private static string Amount(decimal amount) => Claim837Writer.Amount(amount);
}
