using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Testing.Fakes;

/// <summary>An organisation with accepted domains; cloud mailboxes listed explicitly.</summary>
internal sealed class FakeOrganization : IOrganization
{
    private readonly HashSet<string> _domains;
    private readonly HashSet<string> _cloud = new(StringComparer.OrdinalIgnoreCase);

    public FakeOrganization(params string[] acceptedDomains)
    {
        _domains = new HashSet<string>(acceptedDomains, StringComparer.OrdinalIgnoreCase);
    }

    public static FakeOrganization Contoso { get; } = new("contoso.com", "contoso.de");

    public FakeOrganization WithCloudMailbox(string address)
    {
        _cloud.Add(address);
        return this;
    }

    public bool IsAcceptedDomain(string domain) => _domains.Contains(domain);

    public RecipientLocation Locate(string smtpAddress)
    {
        if (_cloud.Contains(smtpAddress))
        {
            return RecipientLocation.Cloud;
        }

        var at = smtpAddress.LastIndexOf('@');
        return at > 0 && _domains.Contains(smtpAddress[(at + 1)..]) ? RecipientLocation.OnPremises : RecipientLocation.External;
    }
}
