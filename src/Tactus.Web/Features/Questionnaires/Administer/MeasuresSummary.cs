using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Questionnaires;

namespace Tactus.Web.Features.Questionnaires.Administer;

/// <summary>Open safety alerts, and per instrument the baseline, latest score, change and whether it reached the MCID.</summary>
public sealed record MeasuresSummary(Guid PatientId, IReadOnlyList<SafetyAlert> OpenAlerts, IReadOnlyList<MeasuresSummary.Row> Rows,
    IReadOnlyList<InstrumentDefinition> Instruments, bool CanAdminister, bool CanAcknowledge)
{
    public sealed record Row(string Instrument, decimal? Baseline, decimal? Latest, string? Band, decimal? Change, bool? ReachedMcid, bool Improved, TrendChart? Chart);

    public static async Task<MeasuresSummary> BuildAsync(TactusDbContext db, OrganizationInstruments instruments, Guid patientId, bool canAdminister,
        CancellationToken cancellationToken)
    {
        var catalog = await instruments.ListAsync(cancellationToken);
        var alerts = await db.SafetyAlerts.AsNoTracking().Where(a => a.PatientId == patientId && a.AcknowledgedAt == null)
            .OrderBy(a => a.RaisedAt).ToListAsync(cancellationToken);
        var responses = await db.MeasureResponses.AsNoTracking().Where(r => r.PatientId == patientId && r.Total != null)
            .OrderBy(r => r.CompletedAt).ToListAsync(cancellationToken);
        var rows = responses.GroupBy(r => r.Instrument).Select(g =>
        {
            var first = g.First();
            var last = g.Last();
            var definition = catalog.FirstOrDefault(d => d.Code == g.Key);
            (decimal Change, bool? Reached)? change = g.Count() > 1 && definition is not null
                ? Scoring.Change(definition, first.Total!.Value, last.Total!.Value) : null;
            var chart = definition is null ? null : TrendChart.Build(definition.Code, definition.Range.Min, definition.Range.Max, g.Select(r => (r.CompletedAt, r.Total!.Value)));
            return new Row(g.Key, first.Total, last.Total, last.Band, change?.Change, change?.Reached,
                definition is not null && change is { } c && Scoring.Improved(definition, c.Change), chart);
        }).OrderBy(r => r.Instrument, StringComparer.Ordinal).ToList();
        return new MeasuresSummary(patientId, alerts, rows, catalog, canAdminister, canAdminister);
    }
}
