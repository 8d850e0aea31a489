namespace Tactus.Web.Features.Referrals;

public sealed record ReferralDto(
    Guid Id,
    Guid PatientId,
    Guid ReferringClinicianId,
    Guid EnteredById,
    ReferralStatus Status,
    string? StatusReason,
    ReferralUrgency Urgency,
    string Reason,
    string? Goals,
    string? Precautions,
    int VisitsRequested,
    Guid? AssignedTherapistId,
    IReadOnlyList<ReferralDto.DiagnosisDto> Diagnoses,
    IReadOnlyList<ReferralDto.StatusChangeDto> History,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SentAt)
{
    public sealed record DiagnosisDto(int Rank, string Code, string Display);

    public sealed record StatusChangeDto(ReferralStatus From, ReferralStatus To, DateTimeOffset At, Guid By, string? Reason);

    public static ReferralDto From(Referral r) => new(r.Id, r.PatientId, r.ReferringClinicianId, r.EnteredById, r.Status,
        r.StatusReason, r.Urgency, r.Reason, r.Goals, r.Precautions, r.VisitsRequested, r.AssignedTherapistId,
        r.Diagnoses.OrderBy(d => d.Rank).Select(d => new DiagnosisDto(d.Rank, d.Code, d.Display)).ToList(),
        r.StatusChanges.OrderBy(c => c.At).Select(c => new StatusChangeDto(c.From, c.To, c.At, c.ByUserId, c.Reason)).ToList(),
        r.CreatedAt, r.SentAt);
}
