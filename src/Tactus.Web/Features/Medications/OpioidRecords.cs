using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Medications;

/// <summary>
/// A patient's opioids as structured statements (issue 14 §2): recorded and stopped by the clinical staff who see the
/// patient, each priced in MME per day from the reviewed CDC 2022 table when recorded.
/// </summary>
public sealed class OpioidRecords(TactusDbContext db, AccessScope scope, MorphineEquivalents table, OrganizationClock clock, TimeProvider time)
{
    public sealed class StatementInput
    {
        [Required(ErrorMessage = "Choose the opioid.")]
        public string? Opioid { get; set; }

        [Required(ErrorMessage = "Give the strength of one dose (mg, or mcg/hr for a fentanyl patch).")]
        [Range(typeof(decimal), "0.01", "10000", ErrorMessage = "The strength is between 0.01 and 10,000.")]
        public decimal? Strength { get; set; }

        [Required(ErrorMessage = "Give the doses a day (a patch worn all day is 1).")]
        [Range(typeof(decimal), "0.25", "24", ErrorMessage = "Doses a day are between 0.25 and 24.")]
        public decimal? DosesPerDay { get; set; }

        [Required(ErrorMessage = "Give the day the patient started taking it.")]
        public DateOnly? TakenFrom { get; set; }
    }

    public sealed class StopInput
    {
        [Required(ErrorMessage = "Give the last day the patient took it.")]
        public DateOnly? LastDay { get; set; }
    }

    /// <summary>The patient's statements and the MME per day they take today (null when none was ever recorded).</summary>
    public sealed record Summary(IReadOnlyList<OpioidStatement> Statements, decimal? MmePerDayToday, string Source);

    public async Task<Summary?> ForPatientAsync(Guid patientId, CancellationToken cancellationToken)
    {
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return null;
        }

        var statements = await db.OpioidStatements.AsNoTracking().Where(s => s.PatientId == patientId).OrderByDescending(s => s.TakenFrom)
            .ToListAsync(cancellationToken);
        var today = await TodayAsync(cancellationToken);
        decimal? mme = statements.Count == 0 ? null : statements.Where(s => s.TakenOn(today)).Sum(s => s.MmePerDay ?? 0);
        return new Summary(statements, mme, table.Source);
    }

    public async Task<OpioidStatement?> RecordAsync(Guid patientId, StatementInput input, CancellationToken cancellationToken)
    {
        var userId = RequireClinicalStaff();
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var opioid = input.Opioid?.Trim() ?? "";
        if (!table.IsKnown(opioid))
        {
            throw new DomainRuleException("unknown-opioid",
                $"'{opioid}' is not an opioid in the CDC 2022 table. Choose one of: {string.Join(", ", table.Opioids.Select(o => o.Id).Order())}, buprenorphine.",
                StatusCodes.Status422UnprocessableEntity);
        }

        if (input.TakenFrom > await TodayAsync(cancellationToken))
        {
            throw new DomainRuleException("future-statement", "A medication cannot be taken from a day still to come.", StatusCodes.Status422UnprocessableEntity);
        }

        var converted = table.Convert(new MorphineEquivalents.Dose(opioid, input.Strength!.Value, input.DosesPerDay!.Value));
        var statement = new OpioidStatement
        {
            OrganizationId = patient.OrganizationId, PatientId = patient.Id, Opioid = opioid, Strength = input.Strength.Value,
            DosesPerDay = input.DosesPerDay.Value, MmePerDay = converted.MmePerDay, TakenFrom = input.TakenFrom!.Value,
            RecordedById = userId, RecordedAt = time.GetStorageNow(),
        };
        db.OpioidStatements.Add(statement);
        await db.SaveChangesAsync(cancellationToken);
        return statement;
    }

    public async Task<OpioidStatement?> StopAsync(Guid patientId, Guid statementId, StopInput input, CancellationToken cancellationToken)
    {
        RequireClinicalStaff();
        var statement = await db.OpioidStatements.SingleOrDefaultAsync(s => s.Id == statementId && s.PatientId == patientId, cancellationToken);
        if (statement is null)
        {
            return null;
        }

        var lastDay = input.LastDay!.Value;
        if (lastDay < statement.TakenFrom || lastDay > await TodayAsync(cancellationToken))
        {
            throw new DomainRuleException("stop-day", $"The last day is between {statement.TakenFrom:yyyy-MM-dd} (when it started) and today.",
                StatusCodes.Status422UnprocessableEntity);
        }

        statement.Stop(lastDay);
        await db.SaveChangesAsync(cancellationToken);
        return statement;
    }

    private Guid RequireClinicalStaff() =>
        scope.Role is Roles.Therapist or Roles.Clinician or Roles.Manager && scope.UserId is { } userId
            ? userId
            : throw new DomainRuleException("forbidden", "Only the clinical staff who see the patient record medications.", StatusCodes.Status403Forbidden);

    private async Task<DateOnly> TodayAsync(CancellationToken cancellationToken) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), await clock.ZoneAsync(cancellationToken)).DateTime);
}
