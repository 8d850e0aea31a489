using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Referrals;

namespace Tactus.Web.Features.Intake;

public static class IntakeApi
{
    /// <param name="Does">What the finding does: defer, clearance, modify, avoid-area (one or more).</param>
    /// <param name="Gaps">What the record does not say that the finding needs (which limb to avoid).</param>
    public sealed record FindingDto(Guid Id, string RuleId, string Finding, IReadOnlyList<string> Does, FindingStatus Status,
        IReadOnlyList<string> Reasons, IReadOnlyList<string> Gaps, IReadOnlyList<string> AvoidRegions, int? MaxPressure, IReadOnlyList<string> ExcludedTechniques,
        string ClinicianText, string PatientText, string Source, bool BlocksTreatment, string? ClearanceReason)
    {
        public static FindingDto From(PatientFinding f) => new(f.Id, f.RuleId, f.Finding, f.Does, f.Status, f.Reasons, f.Gaps,
            f.AvoidRegions, f.MaxPressure, f.ExcludedTechniques, f.ClinicianText, f.PatientText, f.Source, f.Blocks, f.ClearanceReason);
    }

    public sealed record IntakeResult(Guid IntakeId, IReadOnlyList<FindingDto> Findings);

    public static IEndpointRouteBuilder MapIntakeApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/patients/{patientId:guid}").RequireAuthorization(Policies.ClinicalRecords);
        group.MapPost("/intake", RecordAsync).Accepts<IntakeInput>("application/json");
        group.MapGet("/findings", ListAsync);
        group.MapPost("/findings/{findingId:guid}/clear", ClearAsync).Accepts<ReferralReason>("application/json");
        return app;
    }

    private static async Task<Results<Created<IntakeResult>, NotFound>> RecordAsync(Guid patientId, IntakeInput input,
        IntakeWorkflow workflow, AuditLog audit, CancellationToken cancellationToken)
    {
        var recorded = await workflow.RecordAsync(patientId, input, cancellationToken);
        if (recorded is not { } result)
        {
            await audit.RecordAsync(AuditActions.Create, AuditOutcomes.NotFound, nameof(PatientIntake), patientId.ToString());
            return TypedResults.NotFound();
        }

        return TypedResults.Created($"/api/patients/{patientId}/findings",
            new IntakeResult(result.Intake.Id, result.Findings.Select(FindingDto.From).ToList()));
    }

    private static async Task<Results<Ok<List<FindingDto>>, NotFound>> ListAsync(Guid patientId, TactusDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var findings = await db.Findings.AsNoTracking().Where(f => f.PatientId == patientId && f.Status != FindingStatus.Resolved)
            .OrderBy(f => f.DetectedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(findings.Select(FindingDto.From).ToList());
    }

    private static async Task<Results<Ok<FindingDto>, NotFound>> ClearAsync(Guid patientId, Guid findingId, ReferralReason body,
        IntakeWorkflow workflow, CancellationToken cancellationToken)
    {
        var finding = await workflow.ClearAsync(patientId, findingId, body.Reason, cancellationToken);
        return finding is null ? TypedResults.NotFound() : TypedResults.Ok(FindingDto.From(finding));
    }
}
