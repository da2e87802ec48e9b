using System;
using Xunit;

namespace Microsoft.Exchange.Data.Transport.Tests;

public sealed class RoutingDomainTests
{
    [Fact]
    public void GetDomainPart_ValidAddress_ReturnsSmtpDomain()
    {
        RoutingDomain target = RoutingDomain.GetDomainPart(new RoutingAddress("a@Contoso.com"));

        Assert.Equal("Contoso.com", target.Domain);
        Assert.True(target.IsSmtp());
        Assert.True(target.IsValid());
        Assert.Equal(new RoutingDomain("contoso.COM"), target);
    }

    [Fact]
    public void GetDomainPart_InvalidAddress_ReturnsEmpty()
    {
        Assert.Equal(RoutingDomain.Empty, RoutingDomain.GetDomainPart(new RoutingAddress("nonsense")));
    }

    [Fact]
    public void Parse_InvalidDomain_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => RoutingDomain.Parse("not a domain"));
        Assert.False(RoutingDomain.TryParse("not a domain", out _));
    }

    [Fact]
    public void RoutingHost_ReadsIpAddressesAndHostNames()
    {
        Assert.True(RoutingHost.Parse("192.0.2.7").IsIPAddress);
        Assert.Equal("smart.contoso.com", RoutingHost.Parse("smart.contoso.com").HostName);
        Assert.False(RoutingHost.TryParse("bad host", out _));
    }
}
