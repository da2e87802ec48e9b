using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Harness.Organization;
using Microsoft.Exchange.Data.Transport;
using Microsoft.Exchange.Data.Transport.Email;

namespace ExchangeRules.Harness.Exchange;

/// <summary>The SmtpServer handed to CreateAgent: the server's name, accepted domains, address book and remote domains.</summary>
internal sealed class HarnessSmtpServerState : SmtpServer
{
    private readonly OrganizationModel _organization;
    private readonly Action<string> _record;

    public HarnessSmtpServerState(OrganizationModel organization, Action<string> record)
    {
        _organization = organization;
        _record = record;
        AddressBook = new HarnessAddressBook(organization);
        AcceptedDomains = new HarnessAcceptedDomains(organization);
        RemoteDomains = new HarnessRemoteDomains(organization);
    }

    public override string Name => _organization.Server;

    public override Version Version => new(15, 2, 1544, 4);

    public override AddressBook AddressBook { get; }

    public override AcceptedDomainCollection AcceptedDomains { get; }

    public override RemoteDomainCollection RemoteDomains { get; }

    public override void SubmitMessage(EmailMessage message) =>
        _record($"agent submitted a new message '{message?.Subject}' (not routed by the harness)");

    private sealed class HarnessRemoteDomains : RemoteDomainCollection
    {
        private readonly List<RemoteDomain> _domains;

        public HarnessRemoteDomains(OrganizationModel organization)
        {
            // The Hybrid Configuration Wizard creates the coexistence domain as an internal remote domain.
            _domains = organization.Hybrid is null
                ? new List<RemoteDomain>()
                : new List<RemoteDomain> { new Remote(organization.Hybrid.TenantDomain) };
        }

        public override RemoteDomain Find(string domainName) =>
            _domains.FirstOrDefault(d => d.NameSpecification.Equals(domainName, StringComparison.OrdinalIgnoreCase))!;

        public override IEnumerator<RemoteDomain> GetEnumerator() => _domains.GetEnumerator();
    }

    private sealed class Remote : RemoteDomain
    {
        public Remote(string name)
        {
            NameSpecification = name;
        }

        public override string NameSpecification { get; }

        public override string NonMimeCharset => "iso-8859-1";

        public override bool IsInternal => true;
    }
}
