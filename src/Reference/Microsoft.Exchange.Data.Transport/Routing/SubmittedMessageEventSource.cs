namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// The source of <c>RoutingAgent.OnSubmittedMessage</c>.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa565747(v=exchg.150).
/// </summary>
public abstract class SubmittedMessageEventSource : QueuedMessageEventSource
{
    /// <summary>Created by the transport runtime only.</summary>
    internal SubmittedMessageEventSource()
    {
    }
}
