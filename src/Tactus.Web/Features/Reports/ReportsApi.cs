using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;

namespace Tactus.Web.Features.Reports;

public static class ReportsApi
{
    public sealed record DraftRequest(ReportKind Kind);

    public sealed record WriteRequest(string? Assessment = null, string? Recommendation = null, bool Send = false);

    public sealed record AcknowledgeRequest(string? Note = null);

    public sealed record ReportDto(Guid Id, Guid PatientId, Guid ReferralId, ReportKind Kind, ReportStatus Status, DateTimeOffset CreatedAt,
        DateTimeOffset? SentAt, DateTimeOffset? AcknowledgedAt, string? Assessment, string? Recommendation, ReportContent Content)
    {
        public static ReportDto From(OutcomeReport r) => new(r.Id, r.PatientId, r.ReferralId, r.Kind, r.Status, r.CreatedAt, r.SentAt, r.AcknowledgedAt,
            r.Assessment, r.Recommendation, r.Content);
    }

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/referrals/{referralId:guid}/reports", async Task<Results<Created<ReportDto>, NotFound>> (Guid referralId, DraftRequest request, ReportWorkflow workflow, CancellationToken ct) =>
            await workflow.DraftAsync(referralId, request.Kind, ct) is { } report
                ? TypedResults.Created($"/api/reports/{report.Id}", ReportDto.From(report)) : TypedResults.NotFound())
            .RequireAuthorization(Policies.ClinicalRecords).Accepts<DraftRequest>("application/json");
        var reports = app.MapGroup("/api/reports").RequireAuthorization(Policies.ClinicalRecords);
        reports.MapGet("/{id:guid}", async Task<Results<Ok<ReportDto>, NotFound>> (Guid id, TactusDbContext db, CancellationToken ct) =>
            await db.OutcomeReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is { } report ? TypedResults.Ok(ReportDto.From(report)) : TypedResults.NotFound());
        reports.MapPost("/{id:guid}", async Task<Results<Ok<ReportDto>, NotFound>> (Guid id, WriteRequest request, ReportWorkflow workflow, CancellationToken ct) =>
            await workflow.WriteAsync(id, request.Assessment, request.Recommendation, request.Send, ct) is { } report ? TypedResults.Ok(ReportDto.From(report)) : TypedResults.NotFound())
            .Accepts<WriteRequest>("application/json");
        reports.MapPost("/{id:guid}/acknowledge", async Task<Results<Ok<ReportDto>, NotFound>> (Guid id, AcknowledgeRequest request, ReportWorkflow workflow, CancellationToken ct) =>
            await workflow.AcknowledgeAsync(id, request.Note, ct) is { } report ? TypedResults.Ok(ReportDto.From(report)) : TypedResults.NotFound())
            .Accepts<AcknowledgeRequest>("application/json");
        reports.MapGet("/{id:guid}/pdf", async Task<Results<FileContentHttpResult, NotFound>> (Guid id, TactusDbContext db, Organizations.OrganizationName organization,
            Organizations.OrganizationClock clock, CancellationToken ct) =>
        {
            if (await db.OutcomeReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct) is not { } report)
            {
                return TypedResults.NotFound();
            }

            var pdf = ReportPdf.Render(report, await organization.CurrentAsync(ct), await clock.ZoneAsync(ct));
            return TypedResults.File(pdf, "application/pdf", ReportPdf.FileName(report));
        });
        return app;
    }
}
