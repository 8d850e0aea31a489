using Hl7.Fhir.Model;
using Tactus.Web.Features.Screening;
using Tactus.Web.Features.Sessions;

namespace Tactus.Web.Features.Fhir;

/// <summary>
/// A treatment visit as a FHIR R4 Encounter (ambulatory, based on the referral), and each technique given as a Procedure
/// with its body site, minutes and pressure. The note's words stay in Tactus: a Procedure carries what was done, not the
/// therapist's narrative.
/// </summary>
public static class EncounterFhir
{
    public const string TechniqueSystem = "https://tactus.example/fhir/CodeSystem/technique";
    public const string RegionSystem = "https://tactus.example/fhir/CodeSystem/body-region";

    public static Encounter Build(TreatmentSession session, string? therapistName)
    {
        var encounter = new Encounter
        {
            Id = session.Id.ToString(),
            Meta = new Meta { LastUpdated = session.SignedAt ?? session.CheckedInAt },
            Status = session.Status == SessionStatus.Signed ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.InProgress,
            Class = new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"),
            Type = [new CodeableConcept(ReferralFhir.ServiceSystem, ReferralFhir.ServiceCode, "Medical massage therapy", "Medical massage session")],
            Subject = new ResourceReference($"Patient/{session.PatientId}"),
            BasedOn = [new ResourceReference($"ServiceRequest/{session.ReferralId}")],
            Period = new Period(new FhirDateTime(session.CheckedInAt), session.SignedAt is { } signed ? new FhirDateTime(signed) : null),
        };
        if (therapistName is not null)
        {
            encounter.Participant.Add(new Encounter.ParticipantComponent { Individual = new ResourceReference { Display = therapistName } });
        }

        return encounter;
    }

    /// <summary>The id of the n-th technique of a session as a Procedure: the session's id and the technique's place.</summary>
    public static string ProcedureId(Guid sessionId, int index) => $"{sessionId:N}-{index + 1}";

    public static (Guid SessionId, int Index)? ParseProcedureId(string id) =>
        id.Split('-') is [var session, var number] && Guid.TryParseExact(session, "N", out var sessionId)
            && int.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is > 0 and < 1000
            ? (sessionId, n - 1) : null;

    public static IEnumerable<Procedure> Procedures(TreatmentSession session, ClinicalReference reference) =>
        session.Note.Techniques.Select((technique, index) => new Procedure
        {
            Id = ProcedureId(session.Id, index),
            Meta = new Meta { LastUpdated = session.SignedAt ?? session.CheckedInAt },
            Status = session.Status == SessionStatus.Signed ? EventStatus.Completed : EventStatus.InProgress,
            Code = new CodeableConcept(TechniqueSystem, technique.Technique,
                reference.Techniques.FirstOrDefault(t => t.Id == technique.Technique)?.Name ?? technique.Technique),
            Subject = new ResourceReference($"Patient/{session.PatientId}"),
            Encounter = new ResourceReference($"Encounter/{session.Id}"),
            BasedOn = [new ResourceReference($"ServiceRequest/{session.ReferralId}")],
            Performed = new FhirDateTime(session.CheckedInAt),
            BodySite = [new CodeableConcept(RegionSystem, technique.Region, reference.Regions.FirstOrDefault(r => r.Id == technique.Region)?.Label ?? technique.Region)],
            Note = [new Annotation { Text = $"{technique.Minutes} minutes at pressure {technique.Pressure} of 5 (Walton)" }],
        });
}
