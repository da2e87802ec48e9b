using ExchangeRules.Directory.Ldap;
using Xunit;

namespace ExchangeRules.Directory.Tests.Ldap;

/// <summary>Lookups against a real OpenLDAP server seeded with the sample organisation.</summary>
public sealed class LdapDirectoryTests : IClassFixture<SlapdServer>, System.IDisposable
{
    private readonly LdapDirectory _directory;
    private readonly SlapdServer _server;

    public LdapDirectoryTests(SlapdServer server)
    {
        _server = server;
        _directory = new LdapDirectory(Options(server.Port));
    }

    internal static LdapDirectoryOptions Options(int port) => new()
    {
        Server = "127.0.0.1",
        Port = port,
        UseGlobalCatalog = false,
        BindMode = LdapBindMode.Simple,
        UserName = SlapdServer.AdminDn,
        Password = SlapdServer.AdminPassword,
        AdditionalAttributes = new[] { "otherMobile" },
    };

    public void Dispose() => _directory.Dispose();

    [Theory]
    [InlineData("megan.bowen@contoso.com")]
    [InlineData("Megan.Bowen@Contoso.com")]
    [InlineData("megan@contoso.com")]
    [InlineData("ceo@fabrikam.com")]
    public void FindBySmtpAddress_PrimaryOrSecondaryAddress_FindsTheUser(string address)
    {
        var entry = _directory.FindBySmtpAddress(address);

        Assert.NotNull(entry);
        Assert.Equal("Megan Bowen", entry.GetValue("displayName"));
    }

    [Fact]
    public void FindBySmtpAddress_User_ReadsTheUsualAttributesUnderTheirAdNames()
    {
        var entry = _directory.FindBySmtpAddress("megan.bowen@contoso.com")!;

        Assert.Equal("Chief Executive Officer", entry.GetValue("title"));
        Assert.Equal("1 Microsoft Way", entry.GetValue("streetAddress"));
        Assert.Equal("United States", entry.GetValue("co"));
        Assert.Equal("+1 425 555 0102", entry.GetValue("homePhone"));
        Assert.Equal("Megan ext 15", entry.GetValue("extensionAttribute15"));
        Assert.Equal("https://www.contoso.com", entry.GetValue("wWWHomePage"));
        Assert.Contains("smtp:ceo@fabrikam.com", entry.GetValues("proxyAddresses"));
    }

    [Fact]
    public void FindBySmtpAddress_User_FollowsTheManagerDn()
    {
        var entry = _directory.FindBySmtpAddress("joerg.mueller@contoso.com")!;

        Assert.Equal("Adele Vance", entry.Manager?.GetValue("displayName"));
        Assert.Equal("Product Manager", entry.Manager?.GetValue("title"));
    }

    [Fact]
    public void FindBySmtpAddress_User_ReadsThePhotoBytes()
    {
        var photo = _directory.FindBySmtpAddress("megan.bowen@contoso.com")!.Photo;

        Assert.NotNull(photo);
        Assert.Equal(LdifDirectory.Load(SamplePaths.Ldif).FindBySmtpAddress("megan.bowen@contoso.com")!.Photo, photo);
    }

    [Fact]
    public void FindBySmtpAddress_UnicodeValuesAndAddress_RoundTrip()
    {
        var entry = _directory.FindBySmtpAddress("jörg@contoso.com");

        Assert.NotNull(entry);
        Assert.Equal("Leitender Ingenieur – 研究開発", entry.GetValue("title"));
        Assert.Equal("München", entry.GetValue("l"));
    }

    [Fact]
    public void FindBySmtpAddress_UserWithoutOptionalAttributes_HasNoneAndNoManager()
    {
        var entry = _directory.FindBySmtpAddress("eddie.empty@contoso.com")!;

        Assert.Null(entry.GetValue("telephoneNumber"));
        Assert.Null(entry.GetValue("title"));
        Assert.Null(entry.Manager);
        Assert.Null(entry.Photo);
    }

    [Theory]
    [InlineData("nobody@contoso.com")]
    [InlineData("*")]
    [InlineData("*)(mail=*")]
    [InlineData("megan.bowen@contoso.com)(|(mail=*")]
    public void FindBySmtpAddress_UnknownOrInjectedAddress_FindsNothing(string address)
    {
        Assert.Null(_directory.FindBySmtpAddress(address));
    }

    [Fact]
    public void FindBySmtpAddress_HostileValues_AreReturnedVerbatim()
    {
        Assert.Equal("<script>alert('title')</script>", _directory.FindBySmtpAddress("mallory.script@contoso.com")!.GetValue("title"));
    }

    [Fact]
    public void IsActiveDirectory_OpenLdap_IsFalseSoGroupsAreWalked()
    {
        Assert.False(_directory.IsActiveDirectory);
    }

    [Theory]
    [InlineData("adele.vance@contoso.com", "sales@contoso.com", true)]
    [InlineData("adele.vance@contoso.com", "All Staff", true)]
    [InlineData("lee.gu@fabrikam.com", "CN=All Staff,OU=Groups,DC=contoso,DC=com", true)]
    [InlineData("mallory.script@contoso.com", "allstaff@contoso.com", true)]
    [InlineData("mallory.script@contoso.com", "Engineering", true)]
    [InlineData("megan.bowen@contoso.com", "Sales", false)]
    [InlineData("eddie.empty@contoso.com", "All Staff", false)]
    [InlineData("adele.vance@contoso.com", "Board", false)]
    [InlineData("adele.vance@contoso.com", "No Such Group", false)]
    [InlineData("nobody@contoso.com", "All Staff", false)]
    public void IsMemberOf_NestedGroupsWithACycle_WalksMembers(string address, string group, bool expected)
    {
        Assert.Equal(expected, _directory.IsMemberOf(address, group));
    }

    [Fact]
    public void IsMemberOf_InChainForcedOnAServerWithoutIt_FindsNoMembership()
    {
        // OpenLDAP does not know AD's in-chain rule and answers "no match": why Auto checks the rootDSE first.
        using var forced = new LdapDirectory(new LdapDirectoryOptions
        {
            Server = "127.0.0.1",
            Port = _server.Port,
            UseGlobalCatalog = false,
            BindMode = LdapBindMode.Anonymous,
            InChain = InChainMode.Always,
        });

        Assert.False(forced.IsMemberOf("adele.vance@contoso.com", "All Staff"));
        Assert.True(_directory.IsMemberOf("adele.vance@contoso.com", "All Staff"));
    }

    [Fact]
    public void FindBySmtpAddress_ConfiguredByUrlWithBase_FindsOnlyUnderTheBase()
    {
        using var fabrikamOnly = new LdapDirectory(LdapDirectoryOptions.FromUrl(
            $"ldap://127.0.0.1:{_server.Port}/OU=Fabrikam,DC=contoso,DC=com", LdapBindMode.Simple, SlapdServer.AdminDn, SlapdServer.AdminPassword));

        Assert.Equal("Lee Gu", fabrikamOnly.FindBySmtpAddress("lee.gu@fabrikam.com")?.GetValue("displayName"));
        Assert.Null(fabrikamOnly.FindBySmtpAddress("megan.bowen@contoso.com"));
    }

    [Fact]
    public void FindBySmtpAddress_AnonymousBind_Works()
    {
        using var anonymous = new LdapDirectory(new LdapDirectoryOptions
        {
            Server = "127.0.0.1",
            Port = _server.Port,
            UseGlobalCatalog = false,
            BindMode = LdapBindMode.Anonymous,
        });

        Assert.Equal("Lee Gu", anonymous.FindBySmtpAddress("lee.gu@fabrikam.com")?.GetValue("displayName"));
    }

    [Fact]
    public void FindBySmtpAddress_WrongPassword_ThrowsUnavailable()
    {
        using var wrong = new LdapDirectory(new LdapDirectoryOptions
        {
            Server = "127.0.0.1",
            Port = _server.Port,
            UseGlobalCatalog = false,
            BindMode = LdapBindMode.Simple,
            UserName = SlapdServer.AdminDn,
            Password = "wrong",
        });

        Assert.Throws<DirectoryUnavailableException>(() => wrong.FindBySmtpAddress("lee.gu@fabrikam.com"));
    }
}
