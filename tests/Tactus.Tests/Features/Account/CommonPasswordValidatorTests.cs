using Microsoft.AspNetCore.Identity;
using Tactus.Web.Features.Account;

namespace Tactus.Tests.Features.Account;

/// <summary>ASVS 5.0 V6.2.12: breached or trivially guessable passwords are refused.</summary>
public sealed class CommonPasswordValidatorTests
{
    private static readonly TactusUser User = new() { DisplayName = "Maya Chen", Email = "maya.chen@example.org", UserName = "maya.chen@example.org" };

    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("xx-maya chen-xx")]
    [InlineData("my maya.chen@example.org pass")]
    public async Task Validate_CommonOrPersonalPasswords_AreRefused(string password)
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, User, password);

        Assert.False(result.Succeeded);
        Assert.Equal("CommonPassword", Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Validate_LongPersonalPassphrase_IsAccepted()
    {
        var result = await new CommonPasswordValidator().ValidateAsync(null!, User, "walnut harbour lantern 1987");

        Assert.Equal(IdentityResult.Success, result);
    }
}
