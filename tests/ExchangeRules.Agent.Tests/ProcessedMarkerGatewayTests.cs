using ExchangeRules.Processing.Transport;
using Microsoft.Exchange.Data.Mime;
using Xunit;

namespace ExchangeRules.Agent.Tests;

/// <summary>The gateway trusts the processed marker only on mail that entered authenticated or over the hybrid connector.</summary>
public sealed class ProcessedMarkerGatewayTests
{
    [Theory]
    [InlineData("Internal", "ex01.contoso.com", true)]
    [InlineData("Internal", "AM0PR01MB1234.eurprd01.prod.outlook.com", true)]
    [InlineData("Anonymous", "ex01.contoso.com", false)]
    [InlineData("Partner", "ex01.contoso.com", false)]
    [InlineData(null, null, false)]
    public void CarriesTrustedMarker_DependsOnHowTheMessageEntered(string? authAs, string? authSource, bool trusted)
    {
        var headers = new HeaderList();
        headers.AppendChild(new TextHeader(ProcessedMarker.Name, "ex01.contoso.com"));
        if (authAs is not null)
        {
            headers.AppendChild(new TextHeader(OrganizationHeaders.AuthAs, authAs));
            headers.AppendChild(new TextHeader(OrganizationHeaders.AuthSource, authSource!));
        }

        Assert.Equal(trusted, MailItemGateway.CarriesTrustedMarker(headers));
    }

    [Fact]
    public void CarriesTrustedMarker_InternalMailWithoutMarker_IsNotSkipped()
    {
        var headers = new HeaderList();
        headers.AppendChild(new TextHeader(OrganizationHeaders.AuthAs, "Internal"));

        Assert.False(MailItemGateway.CarriesTrustedMarker(headers));
        Assert.False(MailItemGateway.CarriesTrustedMarker(null));
    }
}
