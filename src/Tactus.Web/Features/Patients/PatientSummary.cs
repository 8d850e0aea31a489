using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;

namespace Tactus.Web.Features.Patients;

/// <summary>What the record page and the portal show about a patient: demographics, problems, care team.</summary>
public sealed record PatientSummary(Patient Patient, int Age, IReadOnlyList<(string Name, string Role)> CareTeam)
{
    public static async Task<PatientSummary> BuildAsync(TactusDbContext db, Patient patient, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var memberIds = patient.CareTeam.Select(m => m.UserId).ToList();
        var names = await db.Users.Where(u => memberIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName }).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var team = patient.CareTeam.Select(m => (names.GetValueOrDefault(m.UserId, "Former staff member"), m.Role)).ToList();
        return new PatientSummary(patient, patient.AgeOn(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)), team);
    }
}
