using Tactus.Web.Features.Smart;

namespace Tactus.Tests.Features.Smart;

/// <summary>
/// SMART App Launch 2.0 §3 "Scopes and Launch Context" (https://hl7.org/fhir/smart-app-launch/scopes-and-launch-context.html):
/// v2 permissions are the letters c r u d s, each at most once and in that order; v1 read = rs, write = cud, * = cruds.
/// </summary>
public sealed class SmartScopesTests
{
    [Theory]
    [InlineData("patient/Observation.rs", ScopeContext.Patient, "Observation", FhirPermission.Read | FhirPermission.Search)]
    [InlineData("user/*.cruds", ScopeContext.User, "*", FhirPermission.Create | FhirPermission.Read | FhirPermission.Update | FhirPermission.Delete | FhirPermission.Search)]
    [InlineData("system/Patient.r", ScopeContext.System, "Patient", FhirPermission.Read)]
    [InlineData("user/ServiceRequest.cu", ScopeContext.User, "ServiceRequest", FhirPermission.Create | FhirPermission.Update)]
    [InlineData("patient/*.read", ScopeContext.Patient, "*", FhirPermission.Read | FhirPermission.Search)]
    [InlineData("user/Patient.write", ScopeContext.User, "Patient", FhirPermission.Create | FhirPermission.Update | FhirPermission.Delete)]
    [InlineData("patient/*.*", ScopeContext.Patient, "*", FhirPermission.Create | FhirPermission.Read | FhirPermission.Update | FhirPermission.Delete | FhirPermission.Search)]
    public void ParsesV2AndV1ClinicalScopes(string scope, ScopeContext context, string type, FhirPermission permissions) =>
        Assert.Equal(new ClinicalScope(context, type, permissions), SmartScopes.Parse(scope));

    /// <summary>Letters out of order or repeated, unknown contexts and types, and v2 search restrictions are not granted.</summary>
    [Theory]
    [InlineData("patient/Observation.sr")]
    [InlineData("patient/Observation.rr")]
    [InlineData("patient/Observation.x")]
    [InlineData("patient/Observation.")]
    [InlineData("doctor/Observation.rs")]
    [InlineData("patient/observation.rs")]
    [InlineData("patient/.rs")]
    [InlineData("patient/Observation.rs?category=vital-signs")]
    [InlineData("openid")]
    [InlineData("")]
    public void RefusesWhatIsNotAClinicalScopeTactusGrants(string scope) => Assert.Null(SmartScopes.Parse(scope));

    [Fact]
    public void Allows_OnlyInTheContextsAskedFor_AndOnlyTheLettersGranted()
    {
        var scopes = SmartScopes.Clinical(["patient/*.rs", "user/Patient.r", "openid"]);

        Assert.True(SmartScopes.Allows(scopes, "Observation", FhirPermission.Search, ScopeContext.Patient));
        Assert.False(SmartScopes.Allows(scopes, "Observation", FhirPermission.Search, ScopeContext.User));
        Assert.True(SmartScopes.Allows(scopes, "Patient", FhirPermission.Read, ScopeContext.User));
        Assert.False(SmartScopes.Allows(scopes, "Patient", FhirPermission.Search, ScopeContext.User));
        Assert.False(SmartScopes.Allows(scopes, "Patient", FhirPermission.Create, ScopeContext.User, ScopeContext.Patient));
    }

    [Fact]
    public void KnownScopes_AreTheLaunchAndIdentityScopesAndValidClinicalOnes()
    {
        Assert.All(new[] { "openid", "fhirUser", "launch/patient", "offline_access", "online_access", "user/*.rs" }, s => Assert.True(SmartScopes.IsKnown(s)));
        Assert.All(new[] { "admin", "patient/Observation.sr", "email" }, s => Assert.False(SmartScopes.IsKnown(s)));
    }

    [Fact]
    public void Describe_SaysWhoseDataAndWhatInWords()
    {
        Assert.Equal("Read and search the chosen patient's Observation records", SmartScopes.Describe("patient/Observation.rs"));
        Assert.Equal("Read and search, create and change the whole record of every patient you may see", SmartScopes.Describe("user/*.crus"));
        Assert.Equal("Read Patient records of every patient in the organisation", SmartScopes.Describe("system/Patient.r"));
    }
}
