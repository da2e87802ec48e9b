using System.Collections.Generic;
using System.Linq;
using ExchangeRules.Harness.Organization;
using Microsoft.Exchange.Data.Transport;
using AcceptedDomain = Microsoft.Exchange.Data.Transport.AcceptedDomain;

namespace ExchangeRules.Harness.Exchange;

/// <summary>SmtpServer.AcceptedDomains built from the organisation file.</summary>
internal sealed class HarnessAcceptedDomains : AcceptedDomainCollection
{
    private readonly OrganizationModel _organization;

    public HarnessAcceptedDomains(OrganizationModel organization)
    {
        _organization = organization;
    }

    public override AcceptedDomain Find(string domainName)
    {
        var domain = _organization.FindAcceptedDomain(domainName ?? string.Empty);
        return domain is null ? null! : new Domain(domain);
    }

    public override IEnumerator<AcceptedDomain> GetEnumerator() =>
        _organization.AcceptedDomains.Select(d => (AcceptedDomain)new Domain(d)).GetEnumerator();

    private sealed class Domain : AcceptedDomain
    {
        private readonly Organization.AcceptedDomain _domain;

        public Domain(Organization.AcceptedDomain domain)
        {
            _domain = domain;
        }

        public override bool IsInCorporation => true;

        public override bool UseAddressBook => _domain.Type == AcceptedDomainType.Authoritative;

        public override string NameSpecification => _domain.Name;

        public override System.Guid TenantId => System.Guid.Empty;
    }
}
