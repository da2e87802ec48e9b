using System;
using System.Collections.Generic;
using ExchangeRules.Engine.Organization;
using ExchangeRules.Harness.Organization;
using Microsoft.Exchange.Data.Transport;

namespace ExchangeRules.Harness.Exchange;

/// <summary>An envelope recipient of a harness mail item.</summary>
internal sealed class HarnessRecipient : EnvelopeRecipient
{
    private readonly HarnessMailItem _owner;
    private readonly OrganizationModel _organization;
    private RoutingAddress _address;
    private RoutingDomain _routingOverride;

    public HarnessRecipient(HarnessMailItem owner, OrganizationModel organization, RoutingAddress address)
    {
        _owner = owner;
        _organization = organization;
        _address = address;
        OriginalRecipient = "rfc822;" + address;
    }

    public override RoutingAddress Address
    {
        get
        {
            _owner.ThrowIfClosed();
            return _address;
        }

        set
        {
            _owner.ThrowIfClosed();
            _address = value;
        }
    }

#pragma warning disable CS0672 // Overrides the obsolete members of the real API.
    public override RoutingDomain RoutingOverride => _routingOverride;

    public override void SetRoutingOverride(RoutingDomain routingDomain) => _routingOverride = routingDomain;
#pragma warning restore CS0672

    public override string OriginalRecipient { get; set; }

    public override DsnTypeRequested RequestedReports { get; set; }

    public override IDictionary<string, object> Properties { get; } = new Dictionary<string, object>(StringComparer.Ordinal);

    public override DeliveryMethod OutboundDeliveryMethod =>
        _organization.Route(_address.ToString()) == RecipientLocation.OnPremises ? DeliveryMethod.Mailbox : DeliveryMethod.Smtp;

    public override RecipientCategory RecipientCategory =>
        _organization.Locate(_address.ToString()) == RecipientLocation.External ? RecipientCategory.InDifferentOrganization : RecipientCategory.InSameOrganization;
}
