using System.Globalization;
using Tactus.Web.Features.Claims;
using Tactus.Web.Features.Claims.X12;

namespace Tactus.Web.Features.Remittance;

/// <summary>
/// Reads an X12 835 (005010X221A1) and proves it whole before anything is posted: envelope control numbers and
/// counts match, and the money balances as clinical.md §2.8 states — per service SVC02 − ΣCAS = SVC03, per claim
/// CLP03 − ΣCAS = CLP04, per file BPR02 = ΣCLP04 − ΣPLB. Anything else is a FormatException saying what is wrong.
/// </summary>
public static class Remittance835Parser
{
    public static Remittance835 Parse(string text)
    {
        var (separators, segments) = X12Reader.Read(text);
        CheckEnvelope(segments);
        var c = separators.Component;

        var bpr = Required(segments, "BPR", "the BPR payment segment");
        var trn = Required(segments, "TRN", "the TRN trace number");
        var payerName = segments.FirstOrDefault(s => s.Id == "N1" && s[1] == "PR")?[2] ?? "";
        var claims = new List<ClaimPayment>();
        var plb = 0m;
        ClaimBuilder? claim = null;
        ServiceBuilder? service = null;
        foreach (var segment in segments)
        {
            switch (segment.Id)
            {
                case "CLP":
                    Close();
                    claim = new ClaimBuilder(segment[1], segment[2], Amount(segment[3], "CLP03"), Amount(segment[4], "CLP04"),
                        segment[5].Length > 0 ? Amount(segment[5], "CLP05") : 0m, segment[7].Length > 0 ? segment[7] : null);
                    break;
                case "SVC" when claim is not null:
                    CloseService();
                    var procedure = segment.Components(1, c);
                    service = new ServiceBuilder(procedure.ElementAtOrDefault(1) ?? "", procedure.Skip(2).ToList(), Amount(segment[2], "SVC02"),
                        Amount(segment[3], "SVC03"), segment[5].Length > 0 ? Amount(segment[5], "SVC05") : 1m);
                    break;
                case "CAS":
                    var adjustments = Adjustments(segment);
                    (service?.Adjustments ?? claim?.Adjustments ?? throw new FormatException("A CAS adjustment appears before any claim (CLP)."))
                        .AddRange(adjustments);
                    break;
                case "DTM" when service is not null && segment[1] == "472":
                    service.ServiceDate = DateOnly.TryParseExact(segment[2], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d
                        : throw new FormatException($"Service date '{segment[2]}' is not yyyymmdd.");
                    break;
                case "REF" when service is not null && segment[1] == "6R":
                    service.ControlNumber = segment[2];
                    break;
                case "AMT" when service is not null && segment[1] == "B6":
                    service.Allowed = Amount(segment[2], "AMT02");
                    break;
                case "LQ" when service is not null && segment[1] == "HE":
                    service.Remarks.Add(segment[2]);
                    break;
                case "PLB":
                    Close();
                    for (var i = 3; i + 1 < segment.Elements.Count; i += 2)
                    {
                        plb += Amount(segment[i + 1], "PLB amount");
                    }

                    break;
                case "SE":
                    Close();
                    break;
            }
        }

        if (claims.Count == 0)
        {
            throw new FormatException("The remittance holds no claim (CLP).");
        }

        var payment = Amount(bpr[2], "BPR02");
        var paid = claims.Sum(x => x.Paid);
        if (payment != paid - plb)
        {
            throw new FormatException($"The file does not balance: BPR02 is {payment:0.00} but the claims paid {paid:0.00} less provider adjustments {plb:0.00}.");
        }

        var paymentDate = DateOnly.TryParseExact(bpr[16], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
        return new Remittance835(payment, bpr[4], paymentDate, trn[2], payerName, claims, plb);

        void CloseService()
        {
            if (service is not null)
            {
                var s = service.Build();
                var adjusted = s.Adjustments.Sum(a => a.Amount);
                if (s.Charge - adjusted != s.Paid)
                {
                    throw new FormatException($"Claim {claim!.Number}, service {s.Code}: charge {s.Charge:0.00} less adjustments {adjusted:0.00} is not the paid {s.Paid:0.00}.");
                }

                claim!.Services.Add(s);
                service = null;
            }
        }

        void Close()
        {
            CloseService();
            if (claim is not null)
            {
                var built = claim.Build();
                var adjusted = built.Adjustments.Sum(a => a.Amount) + built.Services.Sum(s => s.Adjustments.Sum(a => a.Amount));
                if (built.Charge - adjusted != built.Paid)
                {
                    throw new FormatException($"Claim {built.ClaimNumber} does not balance: charge {built.Charge:0.00} less adjustments {adjusted:0.00} is not the paid {built.Paid:0.00}.");
                }

                claims.Add(built);
                claim = null;
            }
        }
    }

    private static void CheckEnvelope(IReadOnlyList<X12Segment> segments)
    {
        var st = segments.FirstOrDefault(s => s.Id == "ST") ?? throw new FormatException("The file has no transaction set (ST).");
        if (st[1] != "835")
        {
            throw new FormatException(st[1] == "837"
                ? "This is an 837 claim file, not an 835 remittance."
                : $"This is an X12 {st[1]} transaction, not an 835 remittance.");
        }

        var isa = segments[0];
        var iea = segments.LastOrDefault(s => s.Id == "IEA") ?? throw new FormatException("The interchange is cut short: no IEA trailer.");
        if (iea[2] != isa[13])
        {
            throw new FormatException($"The IEA control number {iea[2]} does not match the ISA's {isa[13]}.");
        }

        var gs = segments.FirstOrDefault(s => s.Id == "GS");
        var ge = segments.LastOrDefault(s => s.Id == "GE");
        if (gs is null || ge is null || ge[2] != gs[6])
        {
            throw new FormatException("The functional group (GS/GE) is missing or its control numbers differ.");
        }

        var start = segments.ToList().IndexOf(st);
        var se = segments.Skip(start).FirstOrDefault(s => s.Id == "SE") ?? throw new FormatException("The transaction set has no SE trailer.");
        var count = segments.ToList().IndexOf(se) - start + 1;
        if (se[1] != count.ToString(CultureInfo.InvariantCulture) || se[2] != st[2])
        {
            throw new FormatException($"SE says {se[1]} segments (control {se[2]}) but the transaction has {count} (control {st[2]}).");
        }
    }

    private static List<LineAdjustment> Adjustments(X12Segment cas)
    {
        var list = new List<LineAdjustment>();
        for (var i = 2; i + 1 < cas.Elements.Count; i += 3)
        {
            if (cas[i].Length == 0)
            {
                continue;
            }

            list.Add(new LineAdjustment(cas[1], cas[i], Amount(cas[i + 1], "CAS amount"), cas[i + 2].Length > 0 ? Amount(cas[i + 2], "CAS quantity") : null));
        }

        return list.Count > 0 ? list : throw new FormatException("A CAS segment has no reason code and amount.");
    }

    private static X12Segment Required(IReadOnlyList<X12Segment> segments, string id, string what) =>
        segments.FirstOrDefault(s => s.Id == id) ?? throw new FormatException($"The remittance has no {what}.");

    private static decimal Amount(string value, string where) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new FormatException($"{where} '{value}' is not an amount.");

    private sealed class ClaimBuilder(string number, string status, decimal charge, decimal paid, decimal patient, string? payerControl)
    {
        public string Number => number;
        public List<LineAdjustment> Adjustments { get; } = [];
        public List<ServicePayment> Services { get; } = [];

        public ClaimPayment Build() => new(number, status, charge, paid, patient, payerControl, Adjustments, Services);
    }

    private sealed class ServiceBuilder(string code, List<string> modifiers, decimal charge, decimal paid, decimal units)
    {
        public DateOnly? ServiceDate { get; set; }
        public string? ControlNumber { get; set; }
        public decimal? Allowed { get; set; }
        public List<LineAdjustment> Adjustments { get; } = [];
        public List<string> Remarks { get; } = [];

        public ServicePayment Build() => new(code, modifiers, charge, paid, units, ServiceDate, ControlNumber, Allowed, Adjustments, Remarks);
    }
}
