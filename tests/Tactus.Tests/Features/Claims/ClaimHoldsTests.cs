using Tactus.Web.Features.Claims;

namespace Tactus.Tests.Features.Claims;

/// <summary>Each reason a claim is held before export (issue 05 §3), one fact wrong at a time from a claim that passes.</summary>
public sealed class ClaimHoldsTests
{
    private static readonly ClaimFacts Clean = new("1987654328", "123456789", "100 River St", "972010001",
        "1245319599", "massage-therapist", [], "Lakeside Health Plan", true, "1234567893",
        "LHP55501234", true, false, true, 2, [[1, 2], [1]], true, null, 20, 3, "AUTH-7741", 8, 6);

    [Fact]
    public void ACompleteClaim_IsNotHeld() => Assert.Empty(ClaimHolds.Find(Clean));

    public static TheoryData<string, string> Cases => new()
    {
        { "billing npi", "billing provider has no valid NPI" },
        { "tax id", "tax id" },
        { "zip", "9-digit ZIP" },
        { "rendering npi", "treating therapist has no valid NPI" },
        { "discipline", "does not accept a massage therapist" },
        { "referring", "requires the referring provider" },
        { "member", "member id is missing" },
        { "subscriber", "subscriber's name and birth date" },
        { "address", "patient's address is missing" },
        { "diagnosis", "no diagnosis" },
        { "pointer", "no valid diagnosis pointer" },
        { "authorisation", "AUTH-7741 is used up" },
        { "units", "approves 8 units; with this claim 9 would be billed" },
        { "visit limit", "covers 20 visits a year; this is visit 21" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OneWrongFact_HoldsTheClaim_WithAReasonThatSaysWhatToFix(string wrong, string expected)
    {
        var facts = wrong switch
        {
            "billing npi" => Clean with { BillingNpi = "1987654321" },
            "tax id" => Clean with { TaxId = "12345" },
            "zip" => Clean with { BillingPostalCode = "97201" },
            "rendering npi" => Clean with { RenderingNpi = null },
            "discipline" => Clean with { AcceptedRenderingDisciplines = ["physician", "physical-therapist"] },
            "referring" => Clean with { ReferringNpi = "" },
            "member" => Clean with { MemberId = " " },
            "subscriber" => Clean with { SubscriberIsPatient = false, SubscriberRecorded = false },
            "address" => Clean with { PatientAddressRecorded = false },
            "diagnosis" => Clean with { DiagnosisCount = 0, LinePointers = [[1]] },
            "pointer" => Clean with { LinePointers = [[1, 3]] },
            "authorisation" => Clean with { AuthorizationProblem = "Authorisation AUTH-7741 is used up: 8 of 8 visits." },
            "units" => Clean with { UnitsBilledWithThisClaim = 9 },
            _ => Clean with { VisitsThisYear = 21 },
        };

        var reasons = ClaimHolds.Find(facts);

        Assert.Contains(reasons, r => r.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AuthorisationProblems_OnlyHold_WhenThePayerRequiresOne() =>
        Assert.Empty(ClaimHolds.Find(Clean with { AuthorizationRequired = false, AuthorizationProblem = "used up", UnitsBilledWithThisClaim = 99 }));
}
