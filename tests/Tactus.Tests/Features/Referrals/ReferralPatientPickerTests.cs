using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Patients;

namespace Tactus.Tests.Features.Referrals;

/// <summary>
/// The new-referral page at a clinic's real size: the patient the clinician came from is the one chosen, however
/// far down the alphabet, and any patient can be found by name or MRN (the page once listed the first 500 names).
/// </summary>
public abstract class ReferralPatientPickerTests(TactusApp app)
{
    [Fact]
    public async Task ThePatientReferredFromTheirRecord_IsChosen_AndASearchFindsAPatientPastTheFirstHundreds()
    {
        var organizationId = await app.WithDbAsync(db => db.Organizations.Where(o => o.Slug == "riverside").Select(o => o.Id).SingleAsync());
        await app.WithDbAsync(db => SyntheticClinic.GenerateAsync(db, organizationId, 520, seed: 11, [], TimeProvider.System));
        var last = await app.WithDbAsync(db => db.Patients.AsNoTracking().Where(p => p.OrganizationId == organizationId)
            .OrderByDescending(p => p.FamilyKey).ThenByDescending(p => p.GivenKey).FirstAsync());
        var clinician = await app.AsAsync(Roles.Manager);

        var fromRecord = await clinician.GetStringAsync($"/Referrals/New?patientId={last.Id}");
        var searched = await clinician.GetStringAsync($"/Referrals/New?find={Uri.EscapeDataString(last.FamilyName + " " + last.GivenName)}");
        var byMrn = await clinician.GetStringAsync($"/Referrals/New?find={last.Mrn}");

        Assert.Contains($"<option selected=\"selected\" value=\"{last.Id}\">", fromRecord, StringComparison.Ordinal);
        Assert.Contains($"value=\"{last.Id}\"", searched, StringComparison.Ordinal);
        Assert.Contains($"value=\"{last.Id}\"", byMrn, StringComparison.Ordinal);
        Assert.Contains("1 patient matches", byMrn, StringComparison.Ordinal);
    }
}

public sealed class ReferralPatientPickerSqliteTests(SqliteApp app) : ReferralPatientPickerTests(app), IClassFixture<SqliteApp>;

public sealed class ReferralPatientPickerPostgreSqlTests(PostgreSqlApp app) : ReferralPatientPickerTests(app), IClassFixture<PostgreSqlApp>;
