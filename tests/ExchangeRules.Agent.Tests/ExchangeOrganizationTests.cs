using ExchangeRules.Engine.Organization;
using Microsoft.Exchange.Data.Transport;
using Moq;
using Xunit;

namespace ExchangeRules.Agent.Tests;

public sealed class ExchangeOrganizationTests
{
    private readonly Mock<SmtpServer> _server = new();
    private readonly Mock<AcceptedDomainCollection> _acceptedDomains = new();
    private readonly Mock<AddressBook> _addressBook = new();

    public ExchangeOrganizationTests()
    {
        _acceptedDomains.Setup(d => d.Find(It.IsAny<string>())).Returns((string domain) =>
            string.Equals(domain, "contoso.com", System.StringComparison.OrdinalIgnoreCase) ? Mock.Of<AcceptedDomain>() : null!);
        _addressBook.Setup(b => b.Find(new RoutingAddress("alice@contoso.com"))).Returns(Mock.Of<AddressBookEntry>());
        _server.Setup(s => s.AcceptedDomains).Returns(_acceptedDomains.Object);
        _server.Setup(s => s.AddressBook).Returns(_addressBook.Object);
    }

    [Theory]
    [InlineData("alice@contoso.com", RecipientLocation.OnPremises)]
    [InlineData("ALICE@Contoso.com", RecipientLocation.OnPremises)]
    [InlineData("cloudonly@contoso.com", RecipientLocation.UnknownInternal)]
    [InlineData("bob@fabrikam.com", RecipientLocation.External)]
    [InlineData("not an address", RecipientLocation.External)]
    [InlineData("<>", RecipientLocation.External)]
    public void Locate_UsesAcceptedDomainsAndAddressBook(string address, RecipientLocation expected)
    {
        Assert.Equal(expected, CreateTarget().Locate(address));
    }

    [Theory]
    [InlineData("contoso.com", true)]
    [InlineData("fabrikam.com", false)]
    [InlineData("", false)]
    public void IsAcceptedDomain_AsksTheServer(string domain, bool expected)
    {
        Assert.Equal(expected, CreateTarget().IsAcceptedDomain(domain));
    }

    private ExchangeOrganization CreateTarget() => new(_server.Object);
}
