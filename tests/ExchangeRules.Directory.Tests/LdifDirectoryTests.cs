using ExchangeRules.Engine.Directory;
using Xunit;

namespace ExchangeRules.Directory.Tests;

public class LdifDirectoryTests
{
    private static readonly LdifDirectory _sample = LdifDirectory.Load(SamplePaths.Ldif);

    [Theory]
    [InlineData("megan.bowen@contoso.com")]
    [InlineData("MEGAN.BOWEN@contoso.com")]
    [InlineData("megan@contoso.com")]
    [InlineData("ceo@fabrikam.com")]
    public void FindBySmtpAddress_PrimaryOrSecondary_FindsTheUser(string address)
    {
        Assert.Equal("Megan Bowen", _sample.FindBySmtpAddress(address)?.GetValue("displayName"));
    }

    [Theory]
    [InlineData("nobody@contoso.com")]
    [InlineData("")]
    [InlineData("X500:/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=meganb")]
    public void FindBySmtpAddress_Unknown_ReturnsNull(string address)
    {
        Assert.Null(_sample.FindBySmtpAddress(address));
    }

    [Fact]
    public void FindBySmtpAddress_User_HasManagerPhotoAndUnicode()
    {
        var joerg = _sample.FindBySmtpAddress("jörg@contoso.com");

        Assert.NotNull(joerg);
        Assert.Equal("Forschung & Entwicklung", joerg.GetValue("department"));
        Assert.Equal("Adele Vance", joerg.Manager?.GetValue("displayName"));
        Assert.Null(joerg.Photo);
        Assert.Equal(0x89, _sample.FindBySmtpAddress("megan.bowen@contoso.com")!.Photo![0]);
    }

    [Fact]
    public void FindBySmtpAddress_EmptyUser_HasNoOptionalAttributes()
    {
        var eddie = _sample.FindBySmtpAddress("eddie.empty@contoso.com");

        Assert.NotNull(eddie);
        Assert.Null(eddie.GetValue("telephoneNumber"));
        Assert.Empty(eddie.GetValues("mobile"));
        Assert.Null(eddie.Manager);
    }

    [Theory]
    [InlineData("adele.vance@contoso.com", "sales@contoso.com", true)]
    [InlineData("adele.vance@contoso.com", "All Staff", true)]
    [InlineData("lee.gu@fabrikam.com", "CN=All Staff,OU=Groups,DC=contoso,DC=com", true)]
    [InlineData("lee.gu@fabrikam.com", "cn=all staff, ou=groups, dc=contoso, dc=com", true)]
    [InlineData("mallory.script@contoso.com", "allstaff@contoso.com", true)]
    [InlineData("mallory.script@contoso.com", "Engineering", true)]
    [InlineData("joerg.mueller@contoso.com", "Research", true)]
    [InlineData("megan.bowen@contoso.com", "Sales", false)]
    [InlineData("eddie.empty@contoso.com", "All Staff", false)]
    [InlineData("adele.vance@contoso.com", "Board", false)]
    [InlineData("adele.vance@contoso.com", "No Such Group", false)]
    [InlineData("nobody@contoso.com", "All Staff", false)]
    public void IsMemberOf_NestedGroupsWithACycle_Answers(string address, string group, bool expected)
    {
        Assert.Equal(expected, _sample.IsMemberOf(address, group));
    }
}
