namespace Tactus.Web.Features.Access;

/// <summary>
/// A row of patient data. Reads of it are audited when it is materialised; changes to it
/// are audited in the transaction that saves them.
/// </summary>
public interface IPatientData : IAudited, IPatientScoped;
