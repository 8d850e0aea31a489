using Hl7.Fhir.Model;
using Tactus.Web.Data;
using Tactus.Web.Features.Protocols;
using Tactus.Web.Features.Screening;

namespace Tactus.Web.Features.BulkData;

/// <summary>
/// A programme's cohorts as FHIR Groups, for a Group-level export: one per condition of the protocol library, its
/// members the patients referred with a diagnosis the protocol names (its ICD-10 prefixes). Membership is a query, so
/// a cohort is always current and a 100,000-patient cohort is never a list held in memory.
/// </summary>
public static class ProgrammeCohorts
{
    public static ClinicalReference.Protocol? Find(ClinicalReference reference, string id) =>
        reference.Protocols.FirstOrDefault(p => p.Id == id);

    /// <summary>The patients of a cohort, as the caller may see them (the context's scoping applies underneath).</summary>
    public static IQueryable<Patients.Patient> Members(TactusDbContext db, ClinicalReference.Protocol protocol) =>
        db.Patients.Where(p => db.Referrals.Where(ProtocolDiagnoses.Covers(protocol)).Any(r => r.PatientId == p.Id));

    /// <summary>The cohort as a FHIR R4 Group (actual, of persons), with its size; members are exported, not listed.</summary>
    public static Group Build(ClinicalReference.Protocol protocol, int quantity) => new()
    {
        Id = protocol.Id,
        Type = Group.GroupType.Person,
        Actual = true,
        Active = true,
        Name = $"Referred for massage: {protocol.Condition}",
        Quantity = quantity,
        Characteristic = protocol.Icd10Prefixes.Select(prefix => new Group.CharacteristicComponent
        {
            Code = new CodeableConcept { Text = "Referral diagnosis (ICD-10-CM, code starting with)" },
            // A prefix is not a code of its own: said in words, so no system can mistake it for one.
            Value = new CodeableConcept { Text = $"ICD-10-CM {ContraindicationEngine.NormalizeCode(prefix)} or a code under it" },
            Exclude = false,
        }).ToList(),
    };
}
