using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;
using Tactus.Web.Features.Referrals;

namespace Tactus.Tests.Infrastructure;

/// <summary>A referred, accepted and assigned patient, with the people who act on the referral signed in.</summary>
public sealed record TreatmentLoop(HttpClient Clinician, HttpClient Manager, HttpClient Therapist, Guid PatientId, Guid ReferralId)
{
    public const string Consent = "\"preferences\":{\"pauseWord\":\"amber\"},\"consentToTreatment\":true,\"consentGivenBy\":\"patient\"";

    public Task<HttpResponseMessage> RecordIntakeAsync(string answers, string medications = "[]") =>
        Therapist.PostAsync($"/api/patients/{PatientId}/intake", Json.Body($$"""{"answers":{{answers}},"medications":{{medications}},{{Consent}}}"""));

    public Task<HttpResponseMessage> CheckInAsync(string body) =>
        Therapist.PostAsync($"/api/referrals/{ReferralId}/sessions", Json.Body(body));
}

public static class ClinicalLoop
{
    /// <summary>A new patient referred for low back pain, accepted by the manager and assigned to a therapist.</summary>
    public static async Task<TreatmentLoop> ReferAndAssignAsync(this TactusApp app, string therapistEmail = "therapist2@riverside.example",
        string givenName = "Lorna", string familyName = "Abernathy")
    {
        var clinician = await app.AsAsync(Roles.Clinician);
        var patient = await (await clinician.PostAsync("/api/patients", Json.Body(
            $$"""{"confirmNotDuplicate":true,"givenName":"{{givenName}}","familyName":"{{familyName}}","birthDate":"1966-03-30","sex":"Female"}"""))).ReadAsync<PatientDto>();
        var referral = await (await clinician.PostAsync("/api/referrals", Json.Body(
            $$"""{"patientId":"{{patient!.Id}}","diagnoses":["M54.50"],"reason":"Chronic low back pain","precautions":"Takes warfarin","visitsRequested":8}"""))).ReadAsync<ReferralDto>();
        var manager = await app.AsAsync(Roles.Manager);
        await manager.PostAsync($"/api/referrals/{referral!.Id}/accept", null);
        var therapistId = await app.UserIdAsync(therapistEmail);
        await manager.PostAsync($"/api/referrals/{referral.Id}/assign", Json.Body($$"""{"therapistId":"{{therapistId}}"}"""));
        var therapist = app.CreateBrowserlessClient();
        await therapist.PostLoginAsync(therapistEmail, DemoClinic.Password);
        return new TreatmentLoop(clinician, manager, therapist, patient.Id, referral.Id);
    }
}
