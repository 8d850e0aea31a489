using Tactus.Web.Features.Access;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.Intake;

/// <summary>
/// A health history taken at intake or re-taken later (the newest one is current; older ones stay as
/// history): answers the contraindication rules read, medications, allergies, devices, the patient's
/// preferences and consent.
/// </summary>
public sealed class PatientIntake : IOrganizationOwned, IPatientData
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid OrganizationId { get; init; }
    public Guid PatientId { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public Guid RecordedById { get; init; }
    public required IntakeAnswers Answers { get; init; }
    public List<string> Medications { get; init; } = [];
    public string? OtherConditions { get; init; }
    public string? Allergies { get; init; }
    public bool LubricantAllergy { get; init; }
    public string? ImplantedDevices { get; init; }
    public required IntakePreferences Preferences { get; init; }

    public bool ConsentToTreatment { get; init; }

    /// <summary>Who gave consent: "patient" or the name of the legally authorised representative.</summary>
    public string? ConsentGivenBy { get; init; }

    public bool ConsentToDataUse { get; init; }

    /// <summary>A version made at check-in from the changes since the last visit (the therapist records them).</summary>
    public bool UpdatedAtCheckIn { get; init; }
}

/// <summary>What the patient wants from their sessions, including trauma-informed preferences.</summary>
public sealed class IntakePreferences
{
    /// <summary>Preferred pressure on Walton's 1-5 scale; findings may lower it, never raise it.</summary>
    public int? Pressure { get; set; }

    public List<string> AreasNotToTouch { get; set; } = [];
    public string? TherapistGender { get; set; }
    public string? Draping { get; set; }

    /// <summary>A word the patient says to pause the session at once.</summary>
    public string? PauseWord { get; set; }

    public string? Notes { get; set; }
}
