using System;
using Xunit;

namespace Microsoft.Exchange.Data.Transport.Tests;

public sealed class RoutingAddressTests
{
    [Theory]
    [InlineData("alice@contoso.com", "alice", "contoso.com")]
    [InlineData("first.last+tag@sub.contoso.co.uk", "first.last+tag", "sub.contoso.co.uk")]
    [InlineData("\"odd @ name\"@contoso.com", "\"odd @ name\"", "contoso.com")]
    [InlineData("jörg@bücher.example", "jörg", "bücher.example")]
    public void ValidAddress_SplitsIntoParts(string text, string local, string domain)
    {
        var target = new RoutingAddress(text);

        Assert.True(target.IsValid);
        Assert.Equal(local, target.LocalPart);
        Assert.Equal(domain, target.DomainPart);
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("@contoso.com")]
    [InlineData("alice@")]
    [InlineData("alice@[192.0.2.1]")]
    [InlineData(".alice@contoso.com")]
    [InlineData("al..ice@contoso.com")]
    [InlineData("alice@-contoso.com")]
    [InlineData("ali ce@contoso.com")]
    public void InvalidAddress_IsHeldButNotValid(string text)
    {
        var target = new RoutingAddress(text);

        Assert.False(target.IsValid);
        Assert.Null(target.DomainPart);
        Assert.Equal(text, target.ToString());
        Assert.Throws<FormatException>(() => RoutingAddress.Parse(text));
    }

    [Fact]
    public void Equality_IgnoresCase()
    {
        var a = new RoutingAddress("Alice@Contoso.com");
        var b = new RoutingAddress("alice@contoso.COM");

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(0, a.CompareTo(b));
    }

    [Fact]
    public void EqualsObject_OtherType_ThrowsLikeExchange()
    {
        Assert.Throws<ArgumentException>(() => new RoutingAddress("a@b.c").Equals("a@b.c"));
    }

    [Fact]
    public void EmptyAndNullReversePath_BehaveAsDocumented()
    {
        Assert.True(RoutingAddress.IsEmpty(new RoutingAddress(null!)));
        Assert.Equal(string.Empty, (string)RoutingAddress.Empty);
        Assert.Equal("<>", RoutingAddress.NullReversePath.ToString());
        Assert.True(RoutingAddress.NullReversePath.IsValid);
    }

    [Fact]
    public void LocalAndDomainConstructor_JoinsWithAt()
    {
        Assert.Equal("bob@fabrikam.com", new RoutingAddress("bob", "fabrikam.com").ToString());
        Assert.Throws<ArgumentNullException>(() => new RoutingAddress("bob", null!));
    }

    [Fact]
    public void IsValidAddress_Null_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => RoutingAddress.IsValidAddress(null!));
    }

    [Fact]
    public void IsUTF8_DetectsNonAscii()
    {
        Assert.True(new RoutingAddress("jörg@example.com").IsUTF8);
        Assert.False(new RoutingAddress("joerg@example.com").IsUTF8);
    }
}
