using Tactus.Web.Features.Access;

namespace Tactus.Tests.Features.Access;

/// <summary>PRODUCT.md "Who uses it": access is by role and by relationship.</summary>
public sealed class PatientAccessRulesTests
{
    [Theory]
    [InlineData(Roles.Therapist, PatientVisibility.CareTeam)]
    [InlineData(Roles.Clinician, PatientVisibility.CareTeam)]
    [InlineData(Roles.Manager, PatientVisibility.Organization)]
    [InlineData(Roles.Biller, PatientVisibility.Organization)]
    [InlineData(Roles.Administrator, PatientVisibility.Organization)]
    [InlineData(Roles.Researcher, PatientVisibility.AggregateOnly)]
    [InlineData(Roles.Patient, PatientVisibility.Self)]
    [InlineData("front-desk", PatientVisibility.None)]
    [InlineData(null, PatientVisibility.None)]
    public void VisibilityFor_EachRole_FollowsTheRelationshipRules(string? role, PatientVisibility expected)
    {
        var visibility = PatientAccessRules.VisibilityFor(role);

        Assert.Equal(expected, visibility);
    }

    [Theory]
    [InlineData(Roles.Therapist, true)]
    [InlineData(Roles.Clinician, true)]
    [InlineData(Roles.Manager, true)]
    [InlineData(Roles.Administrator, true)]
    [InlineData(Roles.Biller, false)]
    [InlineData(Roles.Researcher, false)]
    [InlineData(Roles.Patient, false)]
    public void CanEditPatients_OnlyCareAndFrontOfficeRoles(string role, bool expected)
    {
        Assert.Equal(expected, PatientAccessRules.CanEditPatients(role));
    }

    [Theory]
    [InlineData(Roles.Researcher)]
    [InlineData(Roles.Patient)]
    [InlineData("unknown")]
    public void CanReadPatientRecords_ResearchersPatientsAndUnknownRoles_CannotUseTheStaffRecordViews(string role)
    {
        Assert.False(PatientAccessRules.CanReadPatientRecords(role));
    }

    [Theory]
    [InlineData(Roles.Therapist, true)]
    [InlineData(Roles.Clinician, true)]
    [InlineData(Roles.Manager, false)]
    [InlineData(Roles.Administrator, false)]
    public void JoinsCareTeamOnCreate_OnlyForCareTeamScopedRoles(string role, bool expected)
    {
        Assert.Equal(expected, PatientAccessRules.JoinsCareTeamOnCreate(role));
    }

    [Fact]
    public void IsWorkforce_EveryRoleButPatient()
    {
        var workforce = Roles.All.Where(Roles.IsWorkforce).ToList();

        Assert.Equal(Roles.All.Count - 1, workforce.Count);
        Assert.DoesNotContain(Roles.Patient, workforce);
    }
}
