using System.Collections.Generic;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// Routes a recipient as if its domain were another one, optionally through alternate hosts
/// (ResolvedMessageEventSource.SetRoutingOverride). See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/bb799574(v=exchg.150).
/// </summary>
public class RoutingOverride
{
    /// <summary>Routes to <paramref name="routingDomain"/>.</summary>
    public RoutingOverride(RoutingDomain routingDomain, DeliveryQueueDomain deliveryQueueDomain)
        : this(routingDomain, (List<RoutingHost>)null, deliveryQueueDomain)
    {
    }

    /// <summary>Routes to <paramref name="routingDomain"/> through one alternate host.</summary>
    public RoutingOverride(RoutingDomain routingDomain, RoutingHost alternateDeliveryRoutingHost, DeliveryQueueDomain deliveryQueueDomain)
        : this(routingDomain, alternateDeliveryRoutingHost is null ? null : new List<RoutingHost> { alternateDeliveryRoutingHost }, deliveryQueueDomain)
    {
    }

    /// <summary>Routes to <paramref name="routingDomain"/> through alternate hosts.</summary>
    public RoutingOverride(RoutingDomain routingDomain, List<RoutingHost> alternateDeliveryRoutingHosts, DeliveryQueueDomain deliveryQueueDomain)
    {
        RoutingDomain = routingDomain;
        AlternateDeliveryRoutingHosts = alternateDeliveryRoutingHosts;
        DeliveryQueueDomain = deliveryQueueDomain;
    }

    /// <summary>The domain to route to.</summary>
    public RoutingDomain RoutingDomain { get; }

    /// <summary>The alternate hosts, or <see langword="null"/>.</summary>
    public List<RoutingHost> AlternateDeliveryRoutingHosts { get; }

    /// <summary>Which domain names the delivery queue.</summary>
    public DeliveryQueueDomain DeliveryQueueDomain { get; }
}
