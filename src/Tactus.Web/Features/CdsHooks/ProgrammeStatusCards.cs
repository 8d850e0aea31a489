using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Fhir;
using Tactus.Web.Features.Questionnaires;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.CdsHooks;

/// <summary>
/// patient-view: where the patient stands in the massage programme, for the clinician who referred them. It names the
/// referral's status and visits, each questionnaire's latest total against the first, what is due and the safety alerts
/// still open; nothing when Tactus does not know the patient or has no referral for them.
/// </summary>
public sealed class ProgrammeStatusCards(TactusDbContext db, InstrumentCatalog catalog, Questionnaires.Administer.DueMeasures due)
{
    public async Task<IReadOnlyList<CdsCard>> CardsAsync(JsonElement ehrPatient, string root, CancellationToken ct)
    {
        if (await MatchAsync(db, ehrPatient, ct) is not { } patient)
        {
            return [];
        }

        var referral = await db.Referrals.AsNoTracking().Where(r => r.PatientId == patient.Id && r.Status != ReferralStatus.Draft)
            .OrderByDescending(r => r.CreatedAt).FirstOrDefaultAsync(ct);
        if (referral is null)
        {
            return [];
        }

        var visits = await db.TreatmentSessions.CountAsync(s => s.ReferralId == referral.Id, ct);
        var responses = await db.MeasureResponses.AsNoTracking().Where(r => r.PatientId == patient.Id && r.Total != null)
            .OrderBy(r => r.CompletedAt).ToListAsync(ct);
        var alerts = await db.SafetyAlerts.AsNoTracking().Where(a => a.PatientId == patient.Id && a.AcknowledgedAt == null).ToListAsync(ct);
        var dueNow = await due.ForVisitAsync(referral.Id, null, ct);

        var status = Words(referral.Status);
        var summary = $"Massage programme: {status}, {visits} of {referral.VisitsRequested} visits"
            + (alerts.Count > 0 ? $"; {alerts.Count} open safety alert{(alerts.Count == 1 ? "" : "s")}" : "");
        var detail = new StringBuilder();
        detail.Append(CultureInfo.InvariantCulture, $"**Referral** ({referral.CreatedAt:yyyy-MM-dd}): {status}, {visits} of {referral.VisitsRequested} visits.\n\n");
        foreach (var instrument in responses.GroupBy(r => r.Instrument))
        {
            var first = instrument.First();
            var last = instrument.Last();
            var name = catalog.Find(instrument.Key)?.Name ?? instrument.Key;
            detail.Append(CultureInfo.InvariantCulture, $"- **{name}**: {last.Total:0.##} on {last.CompletedAt:yyyy-MM-dd}");
            detail.Append(first.Id == last.Id ? " (the first score)\n"
                : string.Create(CultureInfo.InvariantCulture, $" (first {first.Total:0.##} on {first.CompletedAt:yyyy-MM-dd})\n"));
        }

        if (dueNow is { Due.Count: > 0 })
        {
            detail.Append(CultureInfo.InvariantCulture, $"\nDue at the next visit: {string.Join(", ", dueNow.Due.Select(d => catalog.Find(d.Instrument)?.Name ?? d.Instrument))}.\n");
        }

        foreach (var alert in alerts)
        {
            detail.Append(CultureInfo.InvariantCulture, $"\n**Open safety alert** ({alert.RaisedAt:yyyy-MM-dd}): {alert.Message}\n");
        }

        return
        [
            new CdsCard(Guid.NewGuid().ToString(), Shorten(summary), detail.ToString(), alerts.Count > 0 ? "warning" : "info",
                new CdsSource("Tactus", root), Links: [new CdsLink("Open the patient in Tactus", $"{root}/Patients/Details/{patient.Id}", "absolute")]),
        ];
    }

    /// <summary>
    /// The Tactus patient the EHR's Patient is: by medical record number, an identifier Tactus issued (its MRN system) or one
    /// typed MR; only a single match counts (two patients with the same number is not a match).
    /// </summary>
    public static async Task<Patients.Patient?> MatchAsync(TactusDbContext db, JsonElement ehrPatient, CancellationToken ct)
    {
        var numbers = new List<string>();
        if (ehrPatient.ValueKind == JsonValueKind.Object && ehrPatient.TryGetProperty("identifier", out var identifiers) && identifiers.ValueKind == JsonValueKind.Array)
        {
            foreach (var identifier in identifiers.EnumerateArray())
            {
                var isMrn = CdsFhirData.Text(identifier, "system") == PatientFhir.MrnSystem
                    || CdsFhirData.Codings(identifier, "type").Any(c => c.Code == "MR");
                if (isMrn && CdsFhirData.Text(identifier, "value") is { Length: > 0 and <= 64 } value)
                {
                    numbers.Add(value);
                }
            }
        }

        if (numbers.Count == 0)
        {
            return null;
        }

        var matches = await db.Patients.AsNoTracking().Where(p => numbers.Contains(p.Mrn) && p.MergedIntoId == null).Take(2).ToListAsync(ct);
        return matches.Count == 1 ? matches[0] : null;
    }

    private static string Words(ReferralStatus status) => status switch
    {
        ReferralStatus.InProgress => "in progress",
        ReferralStatus.OnHold => "on hold",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The specification's limit: a summary under 140 characters.</summary>
    public static string Shorten(string text) => text.Length < 140 ? text : text[..136] + "…";
}
