using System;
using ExchangeRules.Engine.Organization;

namespace ExchangeRules.Cli.Commands;

/// <summary>
/// The organisation <c>exrules apply</c> assumes without <c>--org</c>: the sender's domain is the only accepted
/// domain and every recipient in it lives on-premises.
/// </summary>
internal sealed class ApplySenderDomainOrganization : IOrganization
{
    private readonly string _domain;

    public ApplySenderDomainOrganization(string senderAddress)
    {
        var at = senderAddress.LastIndexOf('@');
        _domain = at >= 0 ? senderAddress.Substring(at + 1) : string.Empty;
    }

    public bool IsAcceptedDomain(string domain) =>
        _domain.Length > 0 && string.Equals(domain, _domain, StringComparison.OrdinalIgnoreCase);

    public RecipientLocation Locate(string smtpAddress)
    {
        var at = smtpAddress.LastIndexOf('@');
        return at >= 0 && IsAcceptedDomain(smtpAddress.Substring(at + 1)) ? RecipientLocation.OnPremises : RecipientLocation.External;
    }
}
