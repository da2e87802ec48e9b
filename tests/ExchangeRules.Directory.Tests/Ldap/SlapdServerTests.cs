using System.Net;
using System.Net.Sockets;
using ExchangeRules.Directory.Ldap;
using ExchangeRules.Directory.Tests.Support;
using Xunit;

namespace ExchangeRules.Directory.Tests.Ldap;

/// <summary>The test server itself: a test must talk to its own slapd, never to whoever else holds the port.</summary>
public sealed class SlapdServerTests
{
    [Fact]
    public void Constructor_PortTakenBeforeSlapdBindsIt_StartsOnAnotherPortItOwns()
    {
        // Another listener takes the port between choosing and binding it (as another test's server can).
        var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        try
        {
            var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;

            using var server = new SlapdServer(extraSchema: null, extraLdif: null, firstPort: taken);
            using var directory = new LdapDirectory(LdapDirectoryTests.Options(server.Port));

            Assert.NotEqual(taken, server.Port);
            Assert.Equal("Megan Bowen", directory.FindBySmtpAddress("megan.bowen@contoso.com")?.GetValue("displayName"));
        }
        finally
        {
            squatter.Stop();
        }
    }
}
