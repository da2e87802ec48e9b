using ExchangeRules.Cli.Commands;
using Xunit;

namespace ExchangeRules.Cli.Tests.Commands;

/// <summary>Paths <c>exrules apply</c> prints: one separator per platform, whatever the admin typed.</summary>
public sealed class DisplayPathTests
{
    [Theory]
    [InlineData("C:/mail/in/a.eml", @"C:\mail\in\a.eml")]
    [InlineData(@"C:/mail/in\a.eml", @"C:\mail\in\a.eml")]
    [InlineData("samples/org/contoso-hybrid.xml", @"samples\org\contoso-hybrid.xml")]
    [InlineData(@"\\fileserver/share/mail", @"\\fileserver\share\mail")]
    [InlineData(@"C:\already\native.eml", @"C:\already\native.eml")]
    public void Normalize_WindowsPathWithForwardSlashes_UsesBackslashesOnly(string typed, string printed) =>
        Assert.Equal(printed, DisplayPath.Normalize(typed, '\\', '/'));

    [Theory]
    [InlineData("/var/mail/in/a.eml")]
    [InlineData(@"odd\name.eml")]
    public void Normalize_UnixPath_IsLeftAsTyped(string path) =>
        Assert.Equal(path, DisplayPath.Normalize(path, '/', '/'));

    [Fact]
    public void Normalize_Url_IsLeftAlone() =>
        Assert.Equal("ldap://dc01.contoso.com/DC=contoso,DC=com", DisplayPath.Normalize("ldap://dc01.contoso.com/DC=contoso,DC=com", '\\', '/'));
}
