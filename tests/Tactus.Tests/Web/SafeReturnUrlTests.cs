using Tactus.Web.Features.Access;
using Tactus.Web.Features.Account;

namespace Tactus.Tests.Web;

/// <summary>After sign-in only local paths are followed: no open redirect (SCS0027).</summary>
public sealed class SafeReturnUrlTests
{
    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("")]
    [InlineData(null)]
    public void SafeReturnUrl_ForeignOrEmpty_GoesToTheRoleHome(string? returnUrl)
    {
        Assert.Equal("/Patients", LoginModel.SafeReturnUrl(returnUrl, Roles.Therapist));
    }

    [Fact]
    public void SafeReturnUrl_LocalPath_IsKept()
    {
        Assert.Equal("/Patients/New", LoginModel.SafeReturnUrl("/Patients/New", Roles.Manager));
    }
}
