using System.Globalization;
using System.Text;
using Tactus.Web.Features.Claims.X12;

namespace Tactus.Web.Features.Remittance;

/// <summary>
/// A stand-in payer for test interchanges (ISA15 = T) only, the way clearinghouses offer a test environment: it
/// answers an 837P with a balanced 835 for one payer's claims, so a demo or a new biller can practise the whole
/// loop. Every line is allowed at 80 % of its charge (the rest CO-45) and 20 % of the allowed amount is the
/// patient's coinsurance (PR-2). Files made here say they are test files and never touch a production batch.
/// </summary>
public static class TestPayer
{
    private sealed record Line(string Procedure, decimal Charge, string Units, string? Date, string? Control);

    private sealed record ClaimRead(string Number, string PayerId, string PayerName, List<Line> Lines);

    /// <summary>Reads ISA15 from the fixed-width header alone: the desk asks this of every listed batch, so it must not parse whole files.</summary>
    public static bool IsTestInterchange(string interchange) =>
        interchange.Length >= X12Reader.IsaLength && interchange.StartsWith("ISA", StringComparison.Ordinal)
        && interchange[..X12Reader.IsaLength].Split(interchange[3]) is { Length: 17 } isa && isa[15] == "T";

    /// <summary>The payers (id, name) whose claims are in the interchange.</summary>
    public static IReadOnlyList<(string Id, string Name)> Payers(string interchange) =>
        [.. Claims(interchange).Select(c => (c.PayerId, c.PayerName)).Distinct()];

    public static string Respond(string interchange, string payerId, DateOnly paymentDate, long controlNumber)
    {
        if (!IsTestInterchange(interchange))
        {
            throw new InvalidOperationException("The test payer only answers test interchanges (ISA15 = T).");
        }

        var claims = Claims(interchange).Where(c => c.PayerId == payerId).ToList();
        var control = controlNumber.ToString("D9", CultureInfo.InvariantCulture);
        var date = paymentDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var body = new List<string>();
        var total = 0m;
        foreach (var claim in claims)
        {
            var lines = claim.Lines.Select(l =>
            {
                var allowed = Math.Round(l.Charge * 0.8m, 2, MidpointRounding.AwayFromZero);
                var coinsurance = Math.Round(allowed * 0.2m, 2, MidpointRounding.AwayFromZero);
                return (Line: l, Allowed: allowed, Contract: l.Charge - allowed, Coinsurance: coinsurance, Paid: allowed - coinsurance);
            }).ToList();
            var paid = lines.Sum(l => l.Paid);
            total += paid;
            body.Add($"CLP*{claim.Number}*1*{Amount(claim.Lines.Sum(l => l.Charge))}*{Amount(paid)}*{Amount(lines.Sum(l => l.Coinsurance))}*12*TEST{claim.Number}");
            foreach (var l in lines)
            {
                body.Add($"SVC*{l.Line.Procedure}*{Amount(l.Line.Charge)}*{Amount(l.Paid)}**{l.Line.Units}");
                if (l.Line.Date is not null)
                {
                    body.Add($"DTM*472*{l.Line.Date}");
                }

                body.Add($"CAS*CO*45*{Amount(l.Contract)}");
                body.Add($"CAS*PR*2*{Amount(l.Coinsurance)}");
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
            "ST*835*0001", $"BPR*I*{Amount(total)}*C*NON************{date}", $"TRN*1*TEST-{control}*9{payerId}",
            $"N1*PR*{payerName} (TEST PAYER)", "LX*1",
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

    private static List<ClaimRead> Claims(string interchange)
    {
        var (separators, segments) = X12Reader.Read(interchange);
        var claims = new List<ClaimRead>();
        (string Id, string Name) payer = ("", "");
        ClaimRead? claim = null;
        string? procedure = null, units = null, date = null;
        decimal charge = 0;
        void CloseLine(string? control)
        {
            if (claim is not null && procedure is not null)
            {
                claim.Lines.Add(new Line(procedure, charge, units ?? "1", date, control));
                procedure = null;
                date = null;
            }
        }

        foreach (var s in segments)
        {
            switch (s.Id)
            {
                case "NM1" when s[1] == "PR": payer = (s[9], s[3]); break;
                case "CLM": CloseLine(null); claim = new ClaimRead(s[1], payer.Id, payer.Name, []); claims.Add(claim); break;
                case "SV1":
                    CloseLine(null);
                    (procedure, charge, units) = (s[1].Replace(separators.Component, ':'), decimal.Parse(s[2], CultureInfo.InvariantCulture), s[4]);
                    break;
                case "DTP" when s[1] == "472": date = s[3]; break;
                case "REF" when s[1] == "6R": CloseLine(s[2]); break;
                case "HL": CloseLine(null); break;
            }
        }

        CloseLine(null);
        return claims;
    }

    private static string Amount(decimal amount) => Claim837Writer.Amount(amount);
}
