using System;
using System.Linq;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Processing.Tests.Support;

/// <summary>An organisation that owns contoso.com only.</summary>
internal sealed class FakeOrganization : IOrganization
{
    public static FakeOrganization Contoso { get; } = new();

    public bool IsAcceptedDomain(string domain) => string.Equals(domain, "contoso.com", StringComparison.OrdinalIgnoreCase);

    public RecipientLocation Locate(string smtpAddress) =>
        IsAcceptedDomain(smtpAddress.Split('@').Last()) ? RecipientLocation.OnPremises : RecipientLocation.External;
}
