using System;
using ExchangeRules.Engine.Organization;
using Microsoft.Exchange.Data.Transport;

namespace ExchangeRules.Agent;

/// <summary>
/// The organisation as the Exchange server knows it: its accepted domains and address book. Lookup failures
/// (for example AddressBookTransientException) reach the processor, which applies its failure policy.
/// </summary>
internal sealed class ExchangeOrganization : IOrganization
{
    private readonly SmtpServer _server;

    internal ExchangeOrganization(SmtpServer server)
    {
        _server = server ?? throw new ArgumentNullException(nameof(server));
    }

    public bool IsAcceptedDomain(string domain) =>
        !string.IsNullOrEmpty(domain) && _server.AcceptedDomains?.Find(domain) is not null;

    public RecipientLocation Locate(string smtpAddress)
    {
        var address = new RoutingAddress(smtpAddress);
        if (!address.IsValid || address == RoutingAddress.NullReversePath || _server.AcceptedDomains?.Find(address) is null)
        {
            return RecipientLocation.External;
        }

        // Exchange's public API cannot tell a remote (cloud) mailbox from an on-premises one: every recipient the
        // address book knows counts as on-premises; an accepted-domain address it does not know may be cloud-only.
        return _server.AddressBook?.Find(address) is not null ? RecipientLocation.OnPremises : RecipientLocation.UnknownInternal;
    }
}
