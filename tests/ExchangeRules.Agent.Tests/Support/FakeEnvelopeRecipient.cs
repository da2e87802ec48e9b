using System;
using System.Collections.Generic;
using Microsoft.Exchange.Data.Transport;

namespace ExchangeRules.Agent.Tests.Support;

/// <summary>An envelope recipient as the transport runtime would hand it to the agent.</summary>
internal sealed class FakeEnvelopeRecipient : EnvelopeRecipient
{
    internal FakeEnvelopeRecipient(string address)
    {
        Address = new RoutingAddress(address);
    }

    public override RoutingAddress Address { get; set; }

    [Obsolete("Use ResolvedMessageEventSource.GetRoutingOverride() instead")]
    public override RoutingDomain RoutingOverride => RoutingDomain.Empty;

    public override string OriginalRecipient { get; set; } = string.Empty;

    public override DsnTypeRequested RequestedReports { get; set; }

    public override IDictionary<string, object> Properties { get; } = new Dictionary<string, object>();

    public override DeliveryMethod OutboundDeliveryMethod => DeliveryMethod.Smtp;

    public override RecipientCategory RecipientCategory => RecipientCategory.Unknown;

    [Obsolete("Use ResolvedMessageEventSource.SetRoutingOverride() instead")]
    public override void SetRoutingOverride(RoutingDomain routingDomain) => throw new NotSupportedException("Not used by the agent.");
}
