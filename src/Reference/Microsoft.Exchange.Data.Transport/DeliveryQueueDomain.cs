namespace Microsoft.Exchange.Data.Transport;

/// <summary>
/// Which domain names the delivery queue of an overridden recipient.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa564164(v=exchg.150).
/// </summary>
public enum DeliveryQueueDomain
{
    /// <summary>The override domain.</summary>
    UseOverrideDomain = 0,

    /// <summary>The recipient's own domain.</summary>
    UseRecipientDomain = 1,

    /// <summary>The alternate delivery routing hosts.</summary>
    UseAlternateDeliveryRoutingHosts = 2,
}
