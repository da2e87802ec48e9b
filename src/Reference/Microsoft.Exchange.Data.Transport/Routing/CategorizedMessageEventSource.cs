namespace Microsoft.Exchange.Data.Transport.Routing;

/// <summary>
/// The source of <c>RoutingAgent.OnCategorizedMessage</c>.
/// See https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-api/aa581176(v=exchg.150).
/// </summary>
public abstract class CategorizedMessageEventSource : QueuedMessageEventSource
{
    /// <summary>Created by the transport runtime only.</summary>
    internal CategorizedMessageEventSource()
    {
    }
}
