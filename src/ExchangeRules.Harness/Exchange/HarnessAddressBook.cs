using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Linq;
using System.Security.Principal;
using ExchangeRules.Harness.Organization;
using Microsoft.Exchange.Data.Transport;

namespace ExchangeRules.Harness.Exchange;

/// <summary>SmtpServer.AddressBook: the on-premises directory, so cloud-only objects are not in it.</summary>
internal sealed class HarnessAddressBook : AddressBook
{
    private readonly OrganizationModel _organization;

    public HarnessAddressBook(OrganizationModel organization)
    {
        _organization = organization;
    }

    public override bool Contains(RoutingAddress smtpAddress) => Known(smtpAddress) is not null;

    public override AddressBookEntry Find(RoutingAddress smtpAddress)
    {
        var recipient = Known(smtpAddress);
        return recipient is null ? null! : new Entry(recipient);
    }

    public override ReadOnlyCollection<AddressBookEntry> Find(params RoutingAddress[] smtpAddresses) =>
        new((smtpAddresses ?? Array.Empty<RoutingAddress>()).Select(Find).ToList());

    public override ReadOnlyCollection<AddressBookEntry> Find(EnvelopeRecipientCollection recipients) =>
        new((recipients ?? throw new ArgumentNullException(nameof(recipients))).Select(r => Find(r.Address)).ToList());

    public override bool IsMemberOf(RoutingAddress recipientSmtpAddress, RoutingAddress groupSmtpAddress)
    {
        var group = Known(groupSmtpAddress);
        var member = Known(recipientSmtpAddress);
        return group is { IsGroup: true } && member is not null && IsMember(member, group, new HashSet<string>(StringComparer.OrdinalIgnoreCase));
    }

    public override bool IsSameRecipient(RoutingAddress proxyAddressA, RoutingAddress proxyAddressB)
    {
        var a = Known(proxyAddressA);
        return a is not null && ReferenceEquals(a, Known(proxyAddressB));
    }

    public override bool IsInternal(RoutingAddress address) => IsInternal(RoutingDomain.GetDomainPart(address));

    public override bool IsInternal(RoutingDomain domain) => domain.IsValid() && _organization.IsAcceptedDomain(domain.Domain);

    public override bool IsInternalTo(RoutingAddress address, RoutingAddress organizationAddress) =>
        IsInternal(address) && IsInternal(organizationAddress);

    public override bool IsInternalTo(RoutingAddress address, RoutingDomain organizationDomain) =>
        IsInternal(address) && IsInternal(organizationDomain);

    private OrganizationRecipient? Known(RoutingAddress address)
    {
        var recipient = _organization.Find(address.ToString());
        return recipient is { IsKnownOnPremises: true } ? recipient : null;
    }

    private bool IsMember(OrganizationRecipient member, OrganizationRecipient group, HashSet<string> visited)
    {
        if (!visited.Add(group.PrimaryAddress))
        {
            return false;
        }

        foreach (var address in group.Members)
        {
            var candidate = _organization.Find(address);
            if (ReferenceEquals(candidate, member) || (candidate is { IsGroup: true } && IsMember(member, candidate, visited)))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Entry : AddressBookEntry
    {
        private readonly OrganizationRecipient _recipient;

        public Entry(OrganizationRecipient recipient)
        {
            _recipient = recipient;
        }

        public override RoutingAddress PrimaryAddress => new(_recipient.PrimaryAddress);

        public override bool RequiresAuthentication => false;

        public override bool AntispamBypass => false;

        public override RecipientType RecipientType => _recipient.IsGroup ? RecipientType.DistributionList : RecipientType.User;

        public override SecurityIdentifier UserAccountSid => null!;

        public override SecurityIdentifier MasterAccountSid => null!;

        public override string WindowsLiveId => string.Empty;

        public override int GetSpamConfidenceLevelThreshold(SpamAction action, int defaultValue) => defaultValue;

        public override bool IsSafeSender(RoutingAddress senderAddress) => false;

        public override bool IsSafeRecipient(RoutingAddress recipientAddress) => false;

        public override bool IsBlockedSender(RoutingAddress senderAddress) => false;
    }
}
