using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tactus.Web.Data;
using Tactus.Web.Features.Screening;
using Tactus.Web.Web;

namespace Tactus.Web.Features.Intake;

public sealed class RecordModel(TactusDbContext db, ClinicalReference reference, IntakeWorkflow workflow) : PageModel, IRedisplayablePage
{
    public static readonly (string Name, string Label)[] YesNoQuestions =
    [
        ("FeverOrAcuteInfection", "Fever or an acute infection today"),
        ("DvtSuspected", "Calf pain or swelling, or recent immobilisation (possible blood clot)"),
        ("DvtHistory", "History of deep vein thrombosis"),
        ("BleedingDisorder", "Bleeding disorder"),
        ("LowPlateletCount", "Low platelet count"),
        ("ActiveCancer", "Active cancer"),
        ("UndergoingCancerTreatment", "Cancer treatment now (chemotherapy, radiation, surgery)"),
        ("Osteoporosis", "Osteoporosis"),
        ("ContagiousSkinCondition", "Contagious skin condition or cellulitis"),
        ("Pregnant", "Pregnant"),
        ("HighRiskPregnancy", "High-risk pregnancy (pre-eclampsia, placenta praevia, bleeding, preterm labour)"),
        ("UncontrolledHypertension", "High blood pressure that is not controlled"),
        ("LimbInfection", "Infection in a limb with lymphedema"),
        ("ImpairedCapacity", "Impaired capacity to consent"),
        ("PeripheralNeuropathy", "Numbness or reduced sensation (neuropathy)"),
        ("UnstableCardiacOrFluidOverload", "Unstable heart disease, or heart or kidney failure with fluid overload"),
        ("RecentFall", "A fall in the last month"),
    ];

    public static readonly (string Name, string Label)[] RegionQuestions =
    [
        ("SurgeryRegions", "Site of the recent surgery"),
        ("DvtAffectedRegions", "Limb affected by the DVT"),
        ("BoneMetastasisRegions", "Known bone metastases"),
        ("RadiationRegions", "Radiation treatment field"),
        ("FractureRegions", "Unhealed fracture"),
        ("SkinLesionRegions", "Wounds, burns, rashes or lesions"),
        ("LymphedemaRegions", "Lymphedema, or nodes removed or irradiated"),
        ("AcuteInjuryRegions", "Injury in the last 72 hours"),
        ("VascularCautionRegions", "Aneurysm or varicose veins"),
        ("FallInjuryRegions", "Area hurt in a recent fall"),
    ];

    [BindProperty(SupportsGet = true)]
    public Guid PatientId { get; set; }

    [BindProperty]
    public IntakeInput Input { get; set; } = new();

    [BindProperty]
    public List<string> Yes { get; set; } = [];

    [BindProperty]
    public Dictionary<string, List<string>> Regions { get; set; } = [];

    [BindProperty]
    public string? MedicationLines { get; set; }

    public string PatientName { get; private set; } = "";

    /// <summary>The patient's diagnoses and open referrals' codes, for the live preview's screening request.</summary>
    public List<string> Diagnoses { get; private set; } = [];
    public IReadOnlyList<ClinicalReference.BodyRegion> BodyRegions => reference.Regions;

    public IReadOnlyList<string> SelectedRegions(string name) =>
        typeof(IntakeAnswers).GetProperty(name)?.GetValue(Input.Answers) as List<string> ?? [];

    public static string PressureLabel(int level) => level switch
    {
        1 => "touch only",
        2 => "light",
        3 => "moderate",
        4 => "firm",
        _ => "deep",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!await LoadPatientAsync(cancellationToken))
        {
            return NotFound();
        }

        // Start from the current intake, so a re-screen changes only what changed.
        var latest = await db.Intakes.AsNoTracking().Where(i => i.PatientId == PatientId).OrderByDescending(i => i.RecordedAt).FirstOrDefaultAsync(cancellationToken);
        if (latest is not null)
        {
            Input = new IntakeInput
            {
                Answers = latest.Answers, Medications = latest.Medications, OtherConditions = latest.OtherConditions, Allergies = latest.Allergies,
                LubricantAllergy = latest.LubricantAllergy, ImplantedDevices = latest.ImplantedDevices, Preferences = latest.Preferences,
                ConsentToTreatment = latest.ConsentToTreatment, ConsentGivenBy = latest.ConsentGivenBy, ConsentToDataUse = latest.ConsentToDataUse,
            };
            Yes = YesNoQuestions.Where(q => typeof(IntakeAnswers).GetProperty(q.Name)!.GetValue(latest.Answers) is true).Select(q => q.Name).ToList();
            MedicationLines = string.Join('\n', latest.Medications);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, _) in YesNoQuestions)
        {
            typeof(IntakeAnswers).GetProperty(name)!.SetValue(Input.Answers, Yes.Contains(name));
        }

        foreach (var (name, _) in RegionQuestions)
        {
            typeof(IntakeAnswers).GetProperty(name)!.SetValue(Input.Answers, Regions.GetValueOrDefault(name) ?? []);
        }

        Input.Medications = (MedicationLines ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

        // The answers were bound from the check-box and region lists above, after model validation ran: check them now.
        foreach (var problem in Input.Answers.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(Input.Answers)))
        {
            var key = $"Input.Answers.{problem.MemberNames.FirstOrDefault()}";
            if (ModelState[key]?.Errors.Any(e => e.ErrorMessage == problem.ErrorMessage) != true)
            {
                ModelState.AddModelError(key, problem.ErrorMessage ?? "");
            }
        }

        if (!ModelState.IsValid)
        {
            return await LoadPatientAsync(cancellationToken) ? Page() : NotFound();
        }

        var recorded = await workflow.RecordAsync(PatientId, Input, cancellationToken);
        if (recorded is null)
        {
            return NotFound();
        }

        TempData["Flash"] = recorded.Value.Findings.Count == 0
            ? "Intake saved. Screening found no contraindications or precautions."
            : $"Intake saved. Screening found {recorded.Value.Findings.Count} finding(s): see Safety below.";
        return RedirectToPage("/Patients/Details", new { id = PatientId });
    }

    public Task<bool> ReloadForRedisplayAsync(CancellationToken cancellationToken) => LoadPatientAsync(cancellationToken);

    private async Task<bool> LoadPatientAsync(CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().Include(p => p.Conditions).SingleOrDefaultAsync(p => p.Id == PatientId, cancellationToken);
        PatientName = patient?.FullName ?? "";
        if (patient is null)
        {
            return false;
        }

        var referralCodes = await db.Referrals.AsNoTracking().Where(r => r.PatientId == PatientId).ToListAsync(cancellationToken);
        Diagnoses = patient.Conditions.Select(c => c.Code).Concat(referralCodes.Where(r => !r.IsClosed).SelectMany(r => r.Diagnoses.Select(d => d.Code))).Distinct().ToList();
        return true;
    }
}
