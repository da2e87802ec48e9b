using System;
using System.Collections.Generic;

namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// One envelope recipient of a mail item. See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa567057(v=exchg.150).
/// </summary>
public abstract class EnvelopeRecipient
{
    /// <summary>Created by the transport runtime only.</summary>
    internal EnvelopeRecipient()
    {
    }

    /// <summary>The recipient's SMTP address.</summary>
    public abstract RoutingAddress Address { get; set; }

    /// <summary>The routing override of the recipient.</summary>
    [Obsolete("Use ResolvedMessageEventSource.GetRoutingOverride() instead")]
    public abstract RoutingDomain RoutingOverride { get; }

    /// <summary>The original recipient (ORCPT).</summary>
    public abstract string OriginalRecipient { get; set; }

    /// <summary>The DSN types (NOTIFY) requested for the recipient.</summary>
    public abstract DsnTypeRequested RequestedReports { get; set; }

    /// <summary>Extended properties of the recipient.</summary>
    public abstract IDictionary<string, object> Properties { get; }

    /// <summary>How the message is delivered to the recipient.</summary>
    public abstract DeliveryMethod OutboundDeliveryMethod { get; }

    /// <summary>Where the recipient is relative to the organisation.</summary>
    public abstract RecipientCategory RecipientCategory { get; }

    /// <summary>Routes the recipient as if its domain were <paramref name="routingDomain"/>.</summary>
    [Obsolete("Use ResolvedMessageEventSource.SetRoutingOverride() instead")]
    public abstract void SetRoutingOverride(RoutingDomain routingDomain);
}
