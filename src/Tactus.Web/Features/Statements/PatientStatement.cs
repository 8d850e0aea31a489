using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Statements;

/// <summary>
/// A patient's statement: what they were charged (their share of claims, self-pay visits) and what they paid, in date
/// order with a running balance. One patient's ledger is small, so it is summed as read (decision 006).
/// </summary>
public sealed record PatientStatement(Guid PatientId, string PatientName, string? Address, IReadOnlyList<PatientStatement.Line> Lines)
{
    public sealed record Line(DateOnly Date, string Description, decimal? Charge, decimal? Payment, decimal Balance);

    public decimal Charged => Lines.Sum(l => l.Charge ?? 0);
    public decimal Paid => Lines.Sum(l => l.Payment ?? 0);
    public decimal Balance => Charged - Paid;

    public static async Task<PatientStatement?> BuildAsync(TactusDbContext db, Guid patientId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var charges = await db.PatientCharges.AsNoTracking().Where(c => c.PatientId == patientId).ToListAsync(cancellationToken);
        var payments = await db.PatientPayments.AsNoTracking().Where(p => p.PatientId == patientId).ToListAsync(cancellationToken);
        var entries = charges.Select(c => (Date: c.ServiceDate, At: c.CreatedAt, c.Description, Charge: (decimal?)c.Amount, Payment: (decimal?)null))
            .Concat(payments.Select(p => (Date: p.ReceivedOn, At: p.RecordedAt, Description: $"Payment received ({p.Method}{(p.Reference is null ? "" : $", {p.Reference}")})",
                Charge: (decimal?)null, Payment: (decimal?)p.Amount)))
            .OrderBy(e => e.Date).ThenBy(e => e.At).ToList();
        var balance = 0m;
        var lines = entries.Select(e =>
        {
            balance += (e.Charge ?? 0) - (e.Payment ?? 0);
            return new Line(e.Date, e.Description, e.Charge, e.Payment, balance);
        }).ToList();
        var address = string.Join(", ", new[] { patient.AddressLine, patient.City, patient.State, patient.PostalCode }.Where(x => !string.IsNullOrWhiteSpace(x)));
        return new PatientStatement(patient.Id, patient.FullName, address.Length == 0 ? null : address, lines);
    }
}
