using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tactus.Tests.Infrastructure;
using Tactus.Web.Data.Seed;
using Tactus.Web.Features.Access;
using Tactus.Web.Features.Audit;
using Tactus.Web.Features.Organizations;
using Tactus.Web.Features.Research;
using Tactus.Web.Features.Sessions;

namespace Tactus.Tests.Features.Research;

/// <summary>
/// The de-identified export (issue 14 §4, "Done when": the canary test and the Safe Harbor rules on both stores). A patient
/// is planted with canary identifiers in every field Tactus holds (name, phone, e-mail, street, city, full ZIP, a birth
/// date that makes them 95, record number and ids, free text in the history, check-in, note and adverse event); the
/// researcher's export under an approved protocol is unzipped and grepped: no canary appears in any file, the patient
/// is there as "90+" with no birth year, ZIP area "000" (036 is a restricted prefix, clinical.md §7) and years only.
/// </summary>
public abstract partial class DeIdentifiedExportTests(TactusApp app)
{
    private const string Canary = "CANARY-7731";

    [Fact]
    public async Task TheExport_HoldsNoCanaryIdentifier_AndFollowsSafeHarbor()
    {
        var planted = await PlantCanaryPatientAsync(consentToDataUse: true, birthDate: new DateOnly(1931, 2, 17), zip: "03601-4321");
        var withdrawn = await PlantCanaryPatientAsync(consentToDataUse: false, birthDate: new DateOnly(1944, 7, 4), zip: "55901");
        var protocol = await ProtocolAsync(ResearchFields.Groups.Select(g => g.Id).ToList());
        var researcher = await app.AsAsync(Roles.Researcher);

        var response = await researcher.PostFormAsync("/Research/Export", new() { ["protocolId"] = protocol.Id.ToString() });
        var files = await UnzipAsync(response);
        var again = await UnzipAsync(await researcher.PostFormAsync("/Research/Export", new() { ["protocolId"] = protocol.Id.ToString() }));
        var patient = await app.WithDbAsync(db => db.Patients.AsNoTracking().SingleAsync(p => p.Id == planted.PatientId));
        var sessionIds = await app.WithDbAsync(db => db.TreatmentSessions.Where(s => s.PatientId == planted.PatientId).Select(s => s.Id).ToListAsync());
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == protocol.Id.ToString()).ToListAsync());
        var consenting = await app.WithDbAsync(db => db.Patients.Where(p => p.OrganizationId == protocol.OrganizationId && p.MergedIntoId == null
            && db.Referrals.Any(r => r.PatientId == p.Id && r.Status != Tactus.Web.Features.Referrals.ReferralStatus.Draft)
            && db.Intakes.Where(i => i.PatientId == p.Id).OrderByDescending(i => i.RecordedAt).Select(i => (bool?)i.ConsentToDataUse).FirstOrDefault() == true)
            .CountAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["data-dictionary.csv", "data-dictionary.md", "episodes.csv", "medicines-use.csv", "patients.csv", "scores.csv", "sessions.csv"], files.Keys.Order());

        string[] canaries = [
            "Zebediah", "Canaryfield", "503-555-0199", "5035550199", "zeb.canaryfield", "Canary Lane", "Quillbury", "03601", "4321", "1931",
            patient.Mrn, planted.PatientId.ToString(), planted.ReferralId.ToString(), Canary, "amber",
            .. sessionIds.Select(id => id.ToString()),
        ];
        foreach (var (name, file) in files)
        {
            // The per-export ids are random hex, which can hold any run of digits by chance: they are taken out before the grep.
            var text = PseudonymPattern().Replace(file, "");
            foreach (var canary in canaries)
            {
                Assert.False(text.Contains(canary, StringComparison.OrdinalIgnoreCase), $"{name} holds the canary \"{canary}\"");
            }

            if (name.EndsWith(".csv", StringComparison.Ordinal) && name != "data-dictionary.csv")
            {
                Assert.DoesNotMatch(FullDate(), text); // dates reduced to the year
                Assert.DoesNotMatch(GuidPattern(), text);
            }
        }

        var patients = Rows(files["patients.csv"]);
        var ninetyPlus = Assert.Single(patients, r => r["age"] == "90+" && r["zip3"] == "000" && r["state"] == "NH");
        Assert.Equal("", ninetyPlus["birth_year"]);
        Assert.DoesNotContain(patients, r => r["birth_year"] == "1944" && r["zip3"] == "559"); // withdrew consent: left out
        Assert.Equal(consenting, patients.Count);
        var sessions = Rows(files["sessions.csv"]).Where(r => r["patient_id"] == ninetyPlus["patient_id"]).ToList();
        var visit = Assert.Single(sessions);
        Assert.Equal(("1", "6", "3", "swedish", "mild"), (visit["visit_number"], visit["pain_before"], visit["pain_after"], visit["techniques"], visit["worst_adverse_event"]));
        Assert.Equal(app.Clock.GetUtcNow().Year.ToString(System.Globalization.CultureInfo.InvariantCulture), visit["year"]);
        var episode = Assert.Single(Rows(files["episodes.csv"]), r => r["patient_id"] == ninetyPlus["patient_id"]);
        Assert.Equal(("M54.50", "chronic-low-back-pain"), (episode["diagnosis_codes"], episode["conditions"]));
        // Oxycodone 10 mg twice a day since before the referral (30 MME/day, clinical.md §6.3(a)) and one imaging study at
        // an actual 250.00 a month before it; the window after the referral is still open, so its figures are empty.
        var medicines = Assert.Single(Rows(files["medicines-use.csv"]), r => r["episode_id"] == episode["episode_id"]);
        Assert.Equal(("30", "30", "180", "1", "", "250", ""), (medicines["mme_at_referral"], medicines["mme_at_last_visit"], medicines["use_window_days"],
            medicines["use_events_before"], medicines["use_events_after"], medicines["use_cost_before"], medicines["use_cost_after"]));
        Assert.Equal(ninetyPlus["patient_id"], medicines["patient_id"]);
        Assert.Contains("HIPAA Safe Harbor", files["data-dictionary.md"], StringComparison.Ordinal);
        Assert.Contains("\"zip3\"", files["data-dictionary.csv"], StringComparison.Ordinal);

        // Ids are per export: the same patient has an unrelated id in the next one.
        Assert.Empty(patients.Select(r => r["patient_id"]).Intersect(Rows(again["patients.csv"]).Select(r => r["patient_id"])));

        // Audited with the protocol before the data, and with its counts after.
        Assert.Equal(2, audit.Count(a => a.Action == AuditActions.ResearchExportStarted && a.Role == Roles.Researcher));
        Assert.Contains(audit, a => a.Action == AuditActions.ResearchExportCompleted && a.Detail!.StartsWith($"{patients.Count} patients", StringComparison.Ordinal));
        Assert.NotEqual(withdrawn.PatientId, planted.PatientId);
    }

    [Fact]
    public async Task OnlyTheProtocolsFields_OnItsDays_ForItsResearcher()
    {
        var scoresOnly = await ProtocolAsync([ResearchFields.Scores]);
        var ended = await ProtocolAsync([ResearchFields.Demographics], endsDaysAgo: 1);
        var someoneElses = await ProtocolAsync([ResearchFields.Demographics], researcher: Guid.NewGuid());
        var researcher = await app.AsAsync(Roles.Researcher);
        var manager = await app.AsAsync(Roles.Manager);

        var files = await UnzipAsync(await researcher.PostFormAsync("/Research/Export", new() { ["protocolId"] = scoresOnly.Id.ToString() }));
        var afterItEnded = await researcher.PostFormAsync("/Research/Export", new() { ["protocolId"] = ended.Id.ToString() });
        var notTheirs = await researcher.PostFormAsync("/Research/Export", new() { ["protocolId"] = someoneElses.Id.ToString() });
        var page = await researcher.GetStringAsync("/Research/Export");
        var managerPage = await manager.GetAsync("/Research/Export");
        var startedForEnded = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == ended.Id.ToString() && a.Action == AuditActions.ResearchExportStarted));

        Assert.Equal(["data-dictionary.csv", "data-dictionary.md", "scores.csv"], files.Keys.Order());
        Assert.DoesNotContain("zip3", files["data-dictionary.csv"], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, afterItEnded.StatusCode);
        Assert.Contains("does not allow an export today", await afterItEnded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, startedForEnded);
        Assert.Equal(HttpStatusCode.NotFound, notTheirs.StatusCode);
        Assert.DoesNotContain(someoneElses.Title, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, managerPage.StatusCode);
    }

    [Fact]
    public async Task TheAdministrator_RecordsAProtocol_WithItsFieldsAndDays()
    {
        var administrator = await app.AsAsync(Roles.Administrator);
        var researcherId = await app.UserIdAsync(SignIn.DemoEmail(Roles.Researcher));
        var title = "Massage for chronic low back pain outcomes " + Guid.NewGuid().ToString("N")[..6];
        Dictionary<string, string> Form(string ends) => new()
        {
            ["Input.Title"] = title, ["Input.Approver"] = "Riverside IRB, protocol 2026-114", ["Input.ApprovedOn"] = "2026-01-05",
            ["Input.StartsOn"] = "2026-02-01", ["Input.EndsOn"] = ends, ["Input.ResearcherId"] = researcherId.ToString(), ["Input.Fields"] = ResearchFields.Scores,
        };

        var backwards = await administrator.PostFormAsync("/Admin/ResearchProtocols", Form("2026-01-31"));
        var recorded = await administrator.PostFormAsync("/Admin/ResearchProtocols", Form("2027-12-31"));
        var researcherPost = await (await app.AsAsync(Roles.Researcher)).GetAsync("/Admin/ResearchProtocols");
        var stored = await app.WithDbAsync(db => db.ResearchProtocols.AsNoTracking().Where(p => p.Title == title).ToListAsync());

        Assert.Equal(HttpStatusCode.OK, backwards.StatusCode);
        Assert.Contains("The last day is before the first day.", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var protocol = Assert.Single(stored);
        Assert.Equal([ResearchFields.Scores], protocol.FieldsAllowed);
        Assert.Equal((researcherId, new DateOnly(2027, 12, 31)), (protocol.ResearcherId, protocol.EndsOn));
        Assert.Equal(HttpStatusCode.Redirect, researcherPost.StatusCode);
    }

    private async Task<ResearchProtocol> ProtocolAsync(List<string> fields, int endsDaysAgo = -30, Guid? researcher = null)
    {
        var researcherId = researcher ?? await app.UserIdAsync(SignIn.DemoEmail(Roles.Researcher));
        return await app.WithDbAsync(async db =>
        {
            var organization = await db.Organizations.SingleAsync(o => o.Slug == DemoClinic.Slug);
            // The protocol's days are the organisation's days, as the export page reads them: in the hours when the UTC date is
            // already tomorrow, a protocol that "ended yesterday" by UTC still runs today by the clinic's calendar.
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(app.Clock.GetUtcNow(), OrganizationClock.Find(organization.TimeZone)).DateTime);
            var protocol = new ResearchProtocol
            {
                OrganizationId = organization.Id, Title = "Protocol " + Guid.NewGuid().ToString("N")[..8], Approver = "Riverside IRB, 2026-114",
                ApprovedOn = today.AddDays(-60), StartsOn = today.AddDays(-60), EndsOn = today.AddDays(-endsDaysAgo), ResearcherId = researcherId,
                FieldsAllowed = fields, RecordedById = researcherId, RecordedAt = app.Clock.GetUtcNow(),
            };
            db.ResearchProtocols.Add(protocol);
            await db.SaveChangesAsync();
            return protocol;
        });
    }

    /// <summary>A referred patient with canaries in every identifying field and in every free-text field, treated once and scored.</summary>
    private async Task<TreatmentLoop> PlantCanaryPatientAsync(bool consentToDataUse, DateOnly birthDate, string zip)
    {
        var loop = await app.ReferAndAssignAsync("therapist@riverside.example", givenName: "Zebediah", familyName: "Canaryfield" + Guid.NewGuid().ToString("N")[..4]);
        await app.WithDbAsync(async db =>
        {
            var patient = await db.Patients.SingleAsync(p => p.Id == loop.PatientId);
            patient.Phone = "503-555-0199";
            patient.Email = "zeb.canaryfield@example.org";
            patient.AddressLine = "1234 Canary Lane";
            patient.City = "Quillbury";
            patient.State = "NH";
            patient.PostalCode = zip;
            patient.BirthDate = birthDate;
            return await db.SaveChangesAsync();
        });
        var intake = await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/intake", Json.Body($$"""
            {"answers":{},"medications":[],"otherConditions":"{{Canary}} history","preferences":{"pauseWord":"amber"},
             "consentToTreatment":true,"consentGivenBy":"patient","consentToDataUse":{{(consentToDataUse ? "true" : "false")}}}
            """));
        Assert.True(intake.IsSuccessStatusCode, await intake.Content.ReadAsStringAsync());
        var checkIn = await loop.CheckInAsync($$"""{"painBefore":6,"stressBefore":5,"note":"{{Canary}} check-in"}""");
        Assert.True(checkIn.IsSuccessStatusCode, await checkIn.Content.ReadAsStringAsync());
        var session = (await checkIn.ReadAsync<SessionsApi.SessionDto>())!;
        var note = await loop.Therapist.PutAsync($"/api/sessions/{session.Id}/note", Json.Body($$"""
            {"subjective":"Zebediah: {{Canary}} subjective","objective":"{{Canary}}","assessment":"{{Canary}}","plan":"{{Canary}}",
             "bodyChart":[{"region":"lower-back-left","mark":"Treated"}],
             "techniques":[{"technique":"swedish","region":"lower-back-left","minutes":30,"pressure":2}],
             "patientResponse":"{{Canary}} response","painAfter":3,"stressAfter":2,"adverseEvents":[{"kind":"soreness","severity":"Mild","note":"{{Canary}} adverse"}]}
            """));
        Assert.True(note.IsSuccessStatusCode, await note.Content.ReadAsStringAsync());
        Assert.True((await loop.Therapist.PostAsync($"/api/sessions/{session.Id}/sign", null)).IsSuccessStatusCode);
        var measure = await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/measures", Json.Body("""{"instrument":"NPRS","answers":{"pain":6}}"""));
        Assert.True(measure.IsSuccessStatusCode, await measure.Content.ReadAsStringAsync());
        var opioid = await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/opioids",
            Json.Body($$"""{"opioid":"oxycodone","strength":10,"dosesPerDay":2,"takenFrom":"{{app.ClinicDay(90)}}"}"""));
        Assert.True(opioid.IsSuccessStatusCode, await opioid.Content.ReadAsStringAsync());
        var use = await loop.Therapist.PostAsync($"/api/patients/{loop.PatientId}/utilisation",
            Json.Body($$"""{"kind":"Imaging","occurredOn":"{{app.ClinicDay(30)}}","cost":250}"""));
        Assert.True(use.IsSuccessStatusCode, await use.Content.ReadAsStringAsync());
        return loop;
    }

    private static async Task<Dictionary<string, string>> UnzipAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        await using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries)
        {
            await using var stream = await entry.OpenAsync();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return files;
    }

    private static List<Dictionary<string, string>> Rows(string csv) => CsvRows.Parse(csv);

    [GeneratedRegex(@"\b[0-9a-f]{20}\b")]
    private static partial Regex PseudonymPattern();

    [GeneratedRegex(@"\b(19|20)\d{2}-\d{2}-\d{2}\b")]
    private static partial Regex FullDate();

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex GuidPattern();
}

public sealed class DeIdentifiedExportSqliteTests(SqliteApp app) : DeIdentifiedExportTests(app), IClassFixture<SqliteApp>;

public sealed class DeIdentifiedExportPostgreSqlTests(PostgreSqlApp app) : DeIdentifiedExportTests(app), IClassFixture<PostgreSqlApp>;
