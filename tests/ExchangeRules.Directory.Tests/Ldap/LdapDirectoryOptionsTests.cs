using System;
using ExchangeRules.Directory.Ldap;
using Xunit;

namespace ExchangeRules.Directory.Tests.Ldap;

public class LdapDirectoryOptionsTests
{
    [Theory]
    [InlineData("ldap://dc1.contoso.com", "dc1.contoso.com", 389, false, false, null)]
    [InlineData("ldaps://dc1.contoso.com", "dc1.contoso.com", 636, true, false, null)]
    [InlineData("ldap://gc.contoso.com:3268", "gc.contoso.com", 3268, false, true, null)]
    [InlineData("ldaps://gc.contoso.com:3269/", "gc.contoso.com", 3269, true, true, null)]
    [InlineData("ldap://127.0.0.1:3890/DC=contoso,DC=com", "127.0.0.1", 3890, false, false, "DC=contoso,DC=com")]
    [InlineData("ldap://127.0.0.1/OU=M%C3%BCnchen,DC=contoso,DC=com", "127.0.0.1", 389, false, false, "OU=München,DC=contoso,DC=com")]
    public void FromUrl_LdapUrl_SetsServerPortTlsAndBase(string url, string server, int port, bool ssl, bool globalCatalog, string? searchBase)
    {
        var options = LdapDirectoryOptions.FromUrl(url, LdapBindMode.Simple, "CN=reader", "pw");

        Assert.Equal(server, options.Server);
        Assert.Equal(port, options.Port);
        Assert.Equal(ssl, options.UseSsl);
        Assert.Equal(globalCatalog, options.UseGlobalCatalog);
        Assert.Equal(searchBase, options.SearchBase);
        Assert.Equal(LdapBindMode.Simple, options.BindMode);
        Assert.Equal("CN=reader", options.UserName);
    }

    [Theory]
    [InlineData("http://dc1.contoso.com")]
    [InlineData("dc1.contoso.com")]
    [InlineData("")]
    public void FromUrl_NotAnLdapUrl_Fails(string url)
    {
        var error = Assert.Throws<FormatException>(() => LdapDirectoryOptions.FromUrl(url));

        Assert.Contains("not an LDAP URL", error.Message, StringComparison.Ordinal);
    }
}
