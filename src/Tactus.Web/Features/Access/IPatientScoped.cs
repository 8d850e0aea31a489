namespace Tactus.Web.Features.Access;

/// <summary>
/// A row about one patient, visible exactly when that patient is (the relationship filter of TactusDbContext).
/// Patient data proper (<see cref="IPatientData"/>) is also audited; a derived index row such as a patient's
/// searchable name words is scoped the same way but is neither read nor changed on its own.
/// </summary>
public interface IPatientScoped
{
    Guid PatientId { get; }
}
