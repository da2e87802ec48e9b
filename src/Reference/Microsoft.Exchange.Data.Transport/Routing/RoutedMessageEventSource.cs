namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// The source of <c>RoutingAgent.OnRoutedMessage</c>.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa580676(v=exchg.150).
/// </summary>
public abstract class RoutedMessageEventSource : QueuedMessageEventSource
{
    /// <summary>Created by the transport runtime only.</summary>
    internal RoutedMessageEventSource()
    {
    }
}
